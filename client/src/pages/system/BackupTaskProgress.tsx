import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { FINISHED } from '../tasks/task-status';

export const BackupTaskProgressQuery = graphql(`
  query BackupTaskProgress($id: ID!) {
    task(id: $id) {
      id
      type
      status
      progress
      progressMessage
      error
    }
  }
`);

/** The task a "Back up now" or "Verify" started, polled until it ends; then the list is read again. */
export function BackupTaskProgress({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { data, stopPolling } = useQuery(BackupTaskProgressQuery, {
    variables: { id: taskId },
    pollInterval: 1_000,
  });
  const task = data?.task;
  const finished = task ? FINISHED.has(task.status) : false;
  useEffect(() => {
    if (!finished) return;
    stopPolling();
    onDone();
  }, [finished, stopPolling, onDone]);
  if (!task) return null;
  const what = task.type === 'backup' ? 'Backup' : 'Verification';
  return (
    <div className="card" role="status">
      <p>
        {what} <StatusBadge status={task.status} /> <Link to={`/tasks/${task.id}`}>task details</Link>
      </p>
      {!finished && <ProgressBar value={task.progress} label={`${what} progress`} />}
      {!finished && task.progressMessage && <p className="muted">{task.progressMessage}</p>}
      {task.error && <p className="notice notice-error">{task.error}</p>}
    </div>
  );
}

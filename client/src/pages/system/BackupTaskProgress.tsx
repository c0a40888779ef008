import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { FINISHED } from '../tasks/task-status';
import { BackupTaskDocument } from './backups.operations';

/** The task a "Back up now" or "Verify" started, polled until it ends; then the list is read again. */
export function BackupTaskProgress({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { data, stopPolling } = useQuery(BackupTaskDocument, {
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

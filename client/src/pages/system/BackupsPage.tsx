import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { graphql } from '../../gql';
import { formatDateTime, formatRelative } from '../../lib/format';
import { BackupTable } from './BackupTable';
import { BackupTaskProgress } from './BackupTaskProgress';
import { CreateBackupDocument, VerifyBackupDocument } from './backups.operations';

export const BackupsPageQuery = graphql(`
  query BackupsPage {
    backups {
      id
      ...BackupTable_backup
    }
    backupOverview {
      schedule
      nextRunAt
      retentionDays
      encryption
      lastGood {
        id
        startedAt
      }
    }
  }
`);

/** System → Backups (ADMIN): what BACKUP_DIR holds, each backup's verification, and backing up now. */
export default function BackupsPage() {
  const { data, loading, error, refetch } = useQuery(BackupsPageQuery);
  const [create, created] = useMutation(CreateBackupDocument);
  const [verify, verifying] = useMutation(VerifyBackupDocument);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const onDone = useCallback(() => {
    setRunning(false);
    void refetch();
  }, [refetch]);
  const started = (id: string | undefined) => {
    if (!id) return;
    setTaskId(id);
    setRunning(true);
  };
  const overview = data?.backupOverview;

  return (
    <section className="page" aria-labelledby="backups-title">
      <div className="page-head">
        <h1 id="backups-title">Backups</h1>
        <button
          type="button"
          className="button button-primary"
          disabled={running || created.loading}
          onClick={() =>
            void create()
              .then((r) => started(r.data?.createBackup.id))
              .catch(() => undefined)
          }
        >
          {running ? 'Working…' : 'Back up now'}
        </button>
      </div>
      {overview && (
        <p className="muted">
          {overview.schedule
            ? `Scheduled ${overview.schedule} (UTC), next ${formatDateTime(overview.nextRunAt)}.`
            : 'No schedule (BACKUP_SCHEDULE is empty).'}{' '}
          Kept {overview.retentionDays} days{overview.encryption ? ', encrypted' : ''}. Last good backup:{' '}
          {overview.lastGood ? formatRelative(overview.lastGood.startedAt) : 'none'}. Restoring is a command (
          <code>npm run restore &lt;id&gt;</code>) with the platform stopped.
        </p>
      )}
      {(created.error || verifying.error) && <ErrorMessage error={created.error ?? verifying.error} />}
      {taskId && <BackupTaskProgress key={taskId} taskId={taskId} onDone={onDone} />}
      {error && !data && (
        <ErrorMessage error={error} title="Could not load backups" onRetry={() => void refetch()} />
      )}
      {loading && !data && <Loading label="Loading backups" />}
      {data && data.backups.length === 0 && (
        <EmptyState title="No backups yet">“Back up now” makes one; the schedule makes the next.</EmptyState>
      )}
      {data && data.backups.length > 0 && (
        <BackupTable
          backups={data.backups}
          onVerify={
            running
              ? undefined
              : (id) =>
                  void verify({ variables: { id } })
                    .then((r) => started(r.data?.verifyBackup.id))
                    .catch(() => undefined)
          }
        />
      )}
    </section>
  );
}

import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { BackupTable_BackupFragment } from '../../gql/graphql';
import { formatBytes, formatDateTime, formatMs } from '../../lib/format';

export const BackupTable_backup = graphql(`
  fragment BackupTable_backup on Backup {
    id
    kind
    status
    size
    startedAt
    duration
    encrypted
    verified
    verifiedAt
    problems
  }
`);

interface Props {
  backups: readonly FragmentType<typeof BackupTable_backup>[];
  /** Verify is offered on complete backups while this is set (no task of the page is running). */
  onVerify?: (id: string) => void;
}

function Verification({ backup }: { backup: BackupTable_BackupFragment }) {
  if (backup.verified === null) return <span className="muted">never verified</span>;
  return (
    <>
      <StatusBadge status={backup.verified ? 'passed' : 'refused'} tone={backup.verified ? 'ok' : 'bad'} />{' '}
      <span className="muted">{formatDateTime(backup.verifiedAt)}</span>
      {backup.problems.length > 0 && (
        <ul>
          {backup.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Every backup, newest first, with its last verification. */
export function BackupTable({ onVerify, ...props }: Props) {
  const backups = getFragmentData(BackupTable_backup, props.backups);
  return (
    <TableScroll label="Backups">
      <table>
        <thead>
          <tr>
            <th scope="col">Backup</th>
            <th scope="col">Status</th>
            <th scope="col">Taken</th>
            <th scope="col">Size</th>
            <th scope="col">Took</th>
            <th scope="col">Verification</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.id}>
              <td>
                <code>{b.id}</code>
                {b.encrypted && <span className="muted"> (encrypted)</span>}
              </td>
              <td>
                <StatusBadge status={b.status} tone={b.status === 'COMPLETE' ? 'ok' : 'warn'} />
              </td>
              <td>{formatDateTime(b.startedAt)}</td>
              <td>{formatBytes(b.size)}</td>
              <td>{b.duration === null ? '–' : formatMs(b.duration)}</td>
              <td>
                <Verification backup={b} />
              </td>
              <td>
                {b.status === 'COMPLETE' && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={!onVerify}
                    onClick={() => onVerify?.(b.id)}
                  >
                    Verify<span className="sr-only"> {b.id}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

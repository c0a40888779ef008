import { useQuery } from '@apollo/client/react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import type { Snapshot } from '../../monitoring/useLiveMetrics';
export const QueueTableQuery = graphql(`
  query QueueTable {
    queueStats {
      agent
      waiting
      active
      delayed
      failed
      completed
      paused
      workers
    }
  }
`);

interface Props {
  /** Depths from the latest metrics tick, fresher than the polled query when present. */
  live: Snapshot['queues'] | null;
  workers: number | null;
}

/** Queue depth per agent: waiting, running, delayed and failed jobs, and the workers consuming each. */
export function QueueTable({ live, workers }: Props) {
  const { data, error } = useQuery(QueueTableQuery, { pollInterval: 10_000 });
  const rows = (data?.queueStats ?? []).map((q) => ({ ...q, ...live?.find((l) => l.agent === q.agent) }));
  return (
    <section aria-labelledby="queues-title">
      <h2 id="queues-title">
        Queue depth per agent {workers != null && <span className="muted">({workers} workers live)</span>}
      </h2>
      {error && !data && <ErrorMessage error={error} title="Could not load queues" />}
      {data && rows.length === 0 && (
        <EmptyState title="No agent queues">Agents appear once the tasks service runs.</EmptyState>
      )}
      {rows.length > 0 && (
        <TableScroll label="Queues">
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Waiting</th>
                <th scope="col">Running</th>
                <th scope="col">Delayed</th>
                <th scope="col">Failed</th>
                <th scope="col">Completed</th>
                <th scope="col">Workers</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.agent}>
                  <th scope="row">
                    {q.agent}
                    {q.paused && <span className="muted"> (paused)</span>}
                  </th>
                  <td>{q.waiting} jobs</td>
                  <td>{q.active} jobs</td>
                  <td>{q.delayed} jobs</td>
                  <td>{q.failed} jobs</td>
                  <td>{q.completed} jobs</td>
                  <td>{q.workers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

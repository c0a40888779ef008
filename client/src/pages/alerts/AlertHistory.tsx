import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ShowMore } from '../../components/ShowMore';
import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import type { AlertStatus } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { appendPage } from '../../lib/paging';

export const AlertHistoryQuery = graphql(`
  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {
    alerts(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          status
          summary
          startedAt
          firingAt
          resolvedAt
          silenced
        }
      }
    }
  }
`);

const PAGE = 20;

/**
 * Every episode of every rule, newest first, page by page. Polled: a new alert needs its place
 * (and cursor) from the server, while changes to the ones shown arrive normalized from `alertChanged`.
 */
export function AlertHistory() {
  const [status, setStatus] = useState<AlertStatus | ''>('');
  const { data, loading, error, refetch, fetchMore } = useQuery(AlertHistoryQuery, {
    variables: { status: status || undefined, first: PAGE },
    pollInterval: 15_000,
  });
  const rows = data?.alerts.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History {data && <span className="muted">({data.alerts.totalCount})</span>}</h2>
      <label className="inline-field">
        Status
        <select value={status} onChange={(e) => setStatus(e.target.value as AlertStatus | '')}>
          <option value="">All</option>
          <option value="PENDING">Pending</option>
          <option value="FIRING">Firing</option>
          <option value="RESOLVED">Resolved</option>
        </select>
      </label>
      {loading && !data && <Loading label="Loading alert history" />}
      {error && !data && (
        <ErrorMessage error={error} title="Could not load the history" onRetry={() => void refetch()} />
      )}
      {data && rows.length === 0 && (
        <EmptyState title="No alerts yet">Nothing has gone wrong so far.</EmptyState>
      )}
      {rows.length > 0 && (
        <TableScroll label="Alert history">
          <table>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Fired</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.name}
                    <div className="muted">{a.summary}</div>
                  </th>
                  <td>
                    <StatusBadge status={a.status} tone={a.status === 'FIRING' ? 'bad' : undefined} />
                    {a.silenced && <div className="muted">silenced</div>}
                  </td>
                  <td>{formatDateTime(a.startedAt)}</td>
                  <td>{formatDateTime(a.firingAt)}</td>
                  <td>{formatDateTime(a.resolvedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore
        what="alerts"
        loading={loading}
        pageInfo={data?.alerts.pageInfo}
        onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendPage('alerts') })}
      />
    </section>
  );
}

import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import type { ErrorGroupState } from '../../gql/graphql';
import { LogServicesDocument } from '../logs/logs.operations';
import { ErrorIssueRow } from './ErrorIssueRow';

export const ErrorsPageQuery = graphql(`
  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {
    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ErrorIssueRow_group
        }
      }
    }
  }
`);

const PAGE = 100;
type Status = 'open' | 'resolved' | 'all';

/** Error groups as Sentry's issue list has them: count, first and last seen, a day's sparkline. */
export default function ErrorsPage() {
  const { user } = useSession();
  const admin = user?.role === 'ADMIN';
  const [status, setStatus] = useState<Status>('open');
  const [state, setState] = useState<ErrorGroupState | ''>('');
  const [service, setService] = useState('');
  const services = useQuery(LogServicesDocument);
  const { data, loading, error, refetch } = useQuery(ErrorsPageQuery, {
    variables: {
      first: PAGE,
      resolved: status === 'all' ? undefined : status === 'resolved',
      state: state || undefined,
      service: service || undefined,
    },
    pollInterval: 30_000,
  });
  const groups = data?.errors.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" aria-labelledby="errors-title">
      <div className="page-head">
        <h1 id="errors-title">Errors</h1>
        {data && (
          <p className="muted" aria-live="polite">
            {data.errors.totalCount.toLocaleString()} groups
            {data.errors.totalCount > groups.length ? `, the ${groups.length} seen most recently shown` : ''}
          </p>
        )}
      </div>
      <form className="filters" aria-label="Error filters" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="inline-field">
          Show
          <select value={state} onChange={(e) => setState(e.target.value as ErrorGroupState | '')}>
            <option value="">Every group</option>
            <option value="NEW">New (first seen in 24 h)</option>
            <option value="REGRESSED">Regressed</option>
          </select>
        </label>
        <label className="inline-field">
          Service
          <select value={service} onChange={(e) => setService(e.target.value)}>
            <option value="">All</option>
            {(services.data?.logServices ?? []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      {loading && !data && <Loading label="Loading errors" />}
      {error && <ErrorMessage error={error} title="Could not load errors" onRetry={() => void refetch()} />}
      {data && groups.length === 0 && (
        <EmptyState title="No error groups match">Nothing needs attention.</EmptyState>
      )}
      {groups.length > 0 && (
        <TableScroll label="Error groups">
          <table>
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Status</th>
                <th scope="col">Events</th>
                <th scope="col">Last 24 h</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                {admin && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <ErrorIssueRow key={g.id} group={g} admin={admin} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useFreshness } from '../../apollo/useFreshness';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { formatRelative } from '../../lib/format';

export const OpenErrorsQuery = graphql(`
  query OpenErrors {
    errors(first: 5, resolved: false) {
      totalCount
      edges {
        node {
          id
          type
          message
          service
          severity
          count
          lastSeen
        }
      }
    }
  }
`);

export function OpenErrors() {
  const { data, loading, error } = useQuery(OpenErrorsQuery, { pollInterval: 30_000 });
  const freshness = useFreshness(OpenErrorsQuery);
  const groups = data?.errors.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="open-errors-title">
      <h2 id="open-errors-title">
        Open errors {data && <span className="muted">({data.errors.totalCount})</span>}
      </h2>
      <p>
        <Link to="/errors">Every error group</Link>
      </p>
      <Fresh freshness={freshness}>
        {loading && !data && <Loading label="Loading errors" />}
        {error && !data && <ErrorMessage error={error} title="Could not load errors" />}
        {data && groups.length === 0 && (
          <EmptyState title="No open errors">Nothing needs attention.</EmptyState>
        )}
        <ul className="list">
          {groups.map((g) => (
            <li key={g.id}>
              <StatusBadge status={g.severity} tone={g.severity === 'LOW' ? 'neutral' : 'bad'} />{' '}
              <strong>{g.type}</strong> in {g.service}: {g.message}{' '}
              <span className="muted">
                ×{g.count}, last {formatRelative(g.lastSeen)}
              </span>
            </li>
          ))}
        </ul>
      </Fresh>
    </section>
  );
}

import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useFreshness } from '../../apollo/useFreshness';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { formatRelative, humanize } from '../../lib/format';

export const RecentTasksQuery = graphql(`
  query RecentTasks {
    tasks(first: 5) {
      edges {
        node {
          id
          type
          agent
          status
          createdAt
        }
      }
    }
  }
`);

export function RecentTasks() {
  const { data, loading, error } = useQuery(RecentTasksQuery, { pollInterval: 15_000 });
  const freshness = useFreshness(RecentTasksQuery);
  const tasks = data?.tasks.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="recent-tasks-title">
      <h2 id="recent-tasks-title">Recent tasks</h2>
      <Fresh freshness={freshness}>
        {loading && !data && <Loading label="Loading tasks" />}
        {error && !data && <ErrorMessage error={error} title="Could not load tasks" />}
        {data && tasks.length === 0 && (
          <EmptyState title="No tasks yet">
            <Link to="/tasks">Run an agent task</Link> to see it here.
          </EmptyState>
        )}
        <ul className="list">
          {tasks.map((t) => (
            <li key={t.id}>
              <Link to={`/tasks/${t.id}`}>
                {humanize(t.type)} <span className="muted">by {t.agent}</span>
              </Link>{' '}
              <StatusBadge status={t.status} /> <span className="muted">{formatRelative(t.createdAt)}</span>
            </li>
          ))}
        </ul>
      </Fresh>
    </section>
  );
}

import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { Fresh } from '../components/StaleNote';
import { StatusBadge } from '../components/StatusBadge';
import type { ComponentKind } from '../gql/graphql';
import { formatMs, formatPercent, formatRelative, humanize } from '../lib/format';
import { useSystemHealth } from './useSystemHealth';

/**
 * Health of every component from the latest probe round, refreshed every 10 s; greyed and
 * "unreachable" as soon as the health poll fails, rather than the last "healthy" standing.
 */
export function HealthGrid({ kinds }: { kinds?: readonly ComponentKind[] }) {
  const { shown, freshness, error, loading, refetch } = useSystemHealth();
  const { stale } = freshness;
  if (loading && !shown) return <Loading label="Checking health" />;
  if (error && !shown)
    return <ErrorMessage error={error} title="Could not load health" onRetry={() => void refetch()} />;
  const health = shown?.systemHealth;
  if (!health) return null;
  const components = health.components.filter((c) => !kinds || kinds.includes(c.kind));
  return (
    <Fresh freshness={freshness}>
      <p>
        Platform: <StatusBadge status={health.status} stale={stale} />{' '}
        <span className="muted" title={health.checkedAt}>
          checked {formatRelative(health.checkedAt)}
        </span>
      </p>
      <ul className="cards" aria-label="Components">
        {components.map((c) => (
          <li key={c.name} className="card">
            <div className="card-head">
              <strong>{humanize(c.name)}</strong> <StatusBadge status={c.status} stale={stale} />
            </div>
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{humanize(c.kind)}</dd>
              <dt>Latency</dt>
              <dd>{formatMs(c.latencyMs)}</dd>
              <dt>Uptime</dt>
              <dd>{formatPercent(c.uptime)}</dd>
              {c.version && (
                <>
                  <dt>Version</dt>
                  <dd>{c.version}</dd>
                </>
              )}
              {c.detail && (
                <>
                  <dt>Detail</dt>
                  <dd>{c.detail}</dd>
                </>
              )}
            </dl>
            {c.error && <p className="notice notice-error">{c.error}</p>}
          </li>
        ))}
      </ul>
    </Fresh>
  );
}

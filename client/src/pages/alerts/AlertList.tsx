import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import type { AlertRowFragment } from '../../gql/graphql';
import { formatRelative } from '../../lib/format';

const SEVERITY_TONE = { INFO: 'info', WARNING: 'warn', CRITICAL: 'bad' } as const;

/** Alerts as a list: status, severity, name, summary and since when; each links to its rule's row. */
export function AlertList({
  alerts,
  stale = false,
}: {
  alerts: readonly AlertRowFragment[];
  stale?: boolean;
}) {
  return (
    <ul className="list">
      {alerts.map((a) => (
        <li key={a.id}>
          <StatusBadge status={a.status} tone={a.status === 'FIRING' ? 'bad' : undefined} stale={stale} />{' '}
          <StatusBadge status={a.severity} tone={SEVERITY_TONE[a.severity]} />{' '}
          <Link to={`/alerts#rule-${a.ruleId}`}>{a.name}</Link>: {a.summary}{' '}
          <span className="muted" title={a.firingAt ?? a.startedAt}>
            since {formatRelative(a.firingAt ?? a.startedAt)}
            {a.silenced && ', silenced'}
          </span>
        </li>
      ))}
    </ul>
  );
}

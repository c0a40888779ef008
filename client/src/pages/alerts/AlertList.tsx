import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatRelative } from '../../lib/format';

export const AlertList_alert = graphql(`
  fragment AlertList_alert on Alert {
    id
    ruleId
    name
    severity
    status
    summary
    startedAt
    firingAt
    silenced
  }
`);

const SEVERITY_TONE = { INFO: 'info', WARNING: 'warn', CRITICAL: 'bad' } as const;

/** Alerts as a list: status, severity, name, summary and since when; each links to its rule's row. */
export function AlertList(props: {
  alerts: readonly FragmentType<typeof AlertList_alert>[];
  stale?: boolean;
}) {
  const { stale = false } = props;
  const alerts = getFragmentData(AlertList_alert, props.alerts);
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

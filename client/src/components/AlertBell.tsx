import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useFreshness } from '../apollo/useFreshness';
import { AlertList } from '../pages/alerts/AlertList';
import { ActiveAlertsDocument } from '../pages/alerts/alerts.operations';
import { useAlertFeed } from '../pages/alerts/useAlertFeed';

/**
 * The top bar's bell (ADMIN): how many alerts are FIRING, live from `alertChanged`, and a dropdown
 * listing them. A slow poll backs the subscription up after an outage, when events were missed.
 */
export function AlertBell() {
  const { data } = useQuery(ActiveAlertsDocument, { pollInterval: 60_000 });
  useAlertFeed();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const { stale } = useFreshness(ActiveAlertsDocument);
  const firing = data?.activeAlerts.filter((a) => a.status === 'FIRING') ?? [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: a link followed closes it.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  // Never a reassuring "0" it does not know: not loaded yet, or from before an outage.
  const count = `${firing.length} ${firing.length === 1 ? 'alert' : 'alerts'} firing`;
  const label = !data ? 'not loaded' : stale ? `${count} (unreachable)` : count;
  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className={
          firing.length ? 'button button-ghost bell-button bell-firing' : 'button button-ghost bell-button'
        }
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={`Alerts: ${label}`}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        <span className={stale ? 'bell-count stale' : 'bell-count'}>{data ? firing.length : '–'}</span>
      </button>
      <span className="sr-only" role="status">
        {data ? label : ''}
      </span>
      {open && (
        <section id="bell-panel" className="bell-panel" aria-label="Firing alerts">
          {firing.length === 0 ? <p>Nothing is firing.</p> : <AlertList alerts={firing} />}
          <Link to="/alerts">All alerts, rules and silences</Link>
        </section>
      )}
    </div>
  );
}

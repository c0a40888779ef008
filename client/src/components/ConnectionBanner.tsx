import type { Outage } from '../apollo/connection';
import { useConnection } from '../apollo/useFreshness';
import { formatDuration, formatTime } from '../lib/format';
import { useNow } from '../lib/useNow';

function since(outage: Outage, now: number): string {
  return `since ${formatTime(outage.since)} (${formatDuration((now - outage.since) / 1000)})`;
}

/**
 * The one page-wide word that the platform is not answering: every page shows it the moment HTTP or
 * the live socket fails, and it goes away by itself when they answer again.
 */
export function ConnectionBanner() {
  const { http, live } = useConnection();
  const outage = http ?? live;
  const now = useNow(outage ? 1_000 : null);
  return (
    <div role="alert" className="connection-banner-slot">
      {outage && (
        <div className="notice notice-warn connection-banner">
          <strong>{http ? 'Server unreachable' : 'Live updates unreachable'}</strong> {since(outage, now)}:{' '}
          {outage.reason}.{' '}
          {http
            ? 'Nothing on this page is being updated; greyed figures are the last ones received.'
            : 'Live figures are frozen at the last update.'}{' '}
          Retrying on its own.
        </div>
      )}
    </div>
  );
}

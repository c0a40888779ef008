import type { ReactNode } from 'react';
import type { Freshness } from '../apollo/useFreshness';
import { formatRelative } from '../lib/format';
import { useNow } from '../lib/useNow';

/**
 * Beside data that may no longer be true: "unreachable, updated 40 s ago", and why. The age ticks;
 * the layout's banner is the one announcement for screen readers, so this is no live region.
 */
export function StaleNote({ freshness }: { freshness: Freshness }) {
  const now = useNow(freshness.stale ? 1_000 : null);
  if (!freshness.stale) return null;
  const { updatedAt, reason } = freshness;
  return (
    <p className="stale-note">
      <span className="badge badge-warn">unreachable</span>{' '}
      {updatedAt === null ? 'not updated yet' : `updated ${formatRelative(updatedAt, now)}`}
      {reason && <span className="muted"> · {reason}</span>}
    </p>
  );
}

/** Data with its freshness: the note above it, and the data greyed while it is stale. */
export function Fresh({ freshness, children }: { freshness: Freshness; children: ReactNode }) {
  return (
    <>
      <StaleNote freshness={freshness} />
      <div className={freshness.stale ? 'stale' : undefined}>{children}</div>
    </>
  );
}

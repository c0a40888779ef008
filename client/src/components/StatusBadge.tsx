export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';

const TONES: Record<string, Tone> = {
  UP: 'ok',
  HEALTHY: 'ok',
  ACTIVE: 'ok',
  READY: 'ok',
  SUCCEEDED: 'ok',
  PUBLISHED: 'ok',
  DONE: 'ok',
  APPROVED: 'info',
  RUNNING: 'info',
  RECEIVED: 'info',
  QUEUED: 'neutral',
  PENDING: 'neutral',
  UPLOADING: 'info',
  DRAFT: 'neutral',
  DEGRADED: 'warn',
  PAUSED: 'warn',
  WARN: 'warn',
  CANCELLED: 'warn',
  DISABLED: 'warn',
  DOWN: 'bad',
  UNHEALTHY: 'bad',
  FAILED: 'bad',
  ERROR: 'bad',
  FATAL: 'bad',
  ARCHIVED: 'neutral',
};

export function toneOf(status: string): Tone {
  return TONES[status] ?? 'neutral';
}

/**
 * A status word with a colour; the word itself carries the meaning, the colour only helps. `stale`:
 * the status is from before the platform stopped answering, so it says "unreachable" instead.
 */
export function StatusBadge({ status, tone, stale }: { status: string; tone?: Tone; stale?: boolean }) {
  if (stale)
    return (
      <span className="badge badge-warn" title={`Last known: ${status.toLowerCase()}`}>
        unreachable
      </span>
    );
  return <span className={`badge badge-${tone ?? toneOf(status)}`}>{status.toLowerCase()}</span>;
}

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

/** A status word with a colour; the word itself carries the meaning, the colour only helps. */
export function StatusBadge({ status, tone }: { status: string; tone?: Tone }) {
  return <span className={`badge badge-${tone ?? TONES[status] ?? 'neutral'}`}>{status.toLowerCase()}</span>;
}

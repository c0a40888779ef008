/** Every number the dashboard shows goes through one of these, so units are never left out. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** Seconds (as Prometheus reports them) to a readable latency. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds < 0.001) return `${(seconds * 1_000_000).toFixed(0)} µs`;
  if (seconds < 1) return `${(seconds * 1000).toFixed(seconds < 0.01 ? 1 : 0)} ms`;
  return `${seconds.toFixed(2)} s`;
}

export function formatMs(ms: number | null | undefined): string {
  return ms == null ? '—' : formatSeconds(ms / 1000);
}

/** A 0..1 share as a percentage. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond == null || !Number.isFinite(perSecond)) return '—';
  return `${perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(0)} req/s`;
}

/** CPU time per second: 1 means one core fully busy. */
export function formatCpu(cores: number | null | undefined): string {
  if (cores == null || !Number.isFinite(cores)) return '—';
  return `${(cores * 100).toFixed(1)} % of a core`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The time of day of an ISO timestamp or of ms since epoch. */
export function formatTime(at: string | number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

/** "3 min ago" style, for lists (ISO or ms since epoch); the exact time goes in a title attribute. */
export function formatRelative(at: string | number | null | undefined, now = Date.now()): string {
  if (!at) return '—';
  const seconds = Math.round((now - new Date(at).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** "ANALYTICS_ENGINE" -> "Analytics engine". */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Signed file URLs name the gateway's configured origin; the dashboard is served by that gateway,
 * so the path and signature are sent to the origin the page came from (also behind a proxy).
 */
export function onThisOrigin(url: string): string {
  const parsed = new URL(url, window.location.href);
  return `${parsed.pathname}${parsed.search}`;
}

/** A wait in words: "45 s", "14 min 32 s", "1 h 5 min". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const minutes = Math.floor((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${s / 3600} h`;
}

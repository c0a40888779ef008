/** One line of progress on long work (`database: 120 MB dumped`); the CLI prints them, a job could store them. */
export type Progress = (line: string) => void;

export const silent: Progress = () => {};

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 kB" (powers of 1000, as disks and networks are sold). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

export const formatDuration = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** Calls `report` every `everyMs` while `work` runs (a growing dump, blobs copied so far). */
export async function withTicker<T>(work: Promise<T>, report: () => void, everyMs = 2_000): Promise<T> {
  const timer = setInterval(report, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Wraps a step so its end is reported with its duration (`files copied in 1.2 s`): the progress lines
 * then say where a backup's time went without a profiler.
 */
export function stepTimer(report: Progress) {
  return async <T>(name: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work;
    report(`${name} in ${formatDuration(performance.now() - started)}`);
    return value;
  };
}

import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import type { TimeSeries } from '../components/charts/TimeSeriesChart';
import { MetricSeriesDocument } from './monitoring.operations';

export const RANGES = [
  { id: '15m', label: 'Last 15 minutes', seconds: 15 * 60 },
  { id: '1h', label: 'Last hour', seconds: 3600 },
  { id: '6h', label: 'Last 6 hours', seconds: 6 * 3600 },
  { id: '24h', label: 'Last 24 hours', seconds: 24 * 3600 },
] as const;

export type RangeId = (typeof RANGES)[number]['id'];

/** A stored metric over a time range, one series per service, about 120 points each. */
export function useSeries(name: string, range: RangeId, options: { service?: string; scale?: number } = {}) {
  const seconds = RANGES.find((r) => r.id === range)?.seconds ?? 3600;
  // Rounded to the step, so re-renders do not make a new query every millisecond.
  const step = Math.max(5, Math.round(seconds / 120));
  const to = Math.ceil(Date.now() / (step * 1000)) * step * 1000;
  const { data, loading, error } = useQuery(MetricSeriesDocument, {
    variables: {
      name,
      service: options.service,
      from: new Date(to - seconds * 1000).toISOString(),
      to: new Date(to).toISOString(),
      step,
    },
    pollInterval: step * 1000,
  });
  const scale = options.scale ?? 1;
  const series = useMemo<TimeSeries[]>(() => {
    const byService = new Map<string, { time: string; value: number }[]>();
    for (const point of data?.metricSeries ?? []) {
      const list = byService.get(point.service) ?? [];
      list.push({ time: point.time, value: point.value * scale });
      byService.set(point.service, list);
    }
    // Sorted, so each service keeps its colour from chart to chart.
    return [...byService].map(([id, points]) => ({ id, points })).sort((a, b) => a.id.localeCompare(b.id));
  }, [data, scale]);
  const label = RANGES.find((r) => r.id === range)?.label ?? range;
  return { series, loading: loading && !data, error, note: `${label}, one point per ${formatStep(step)}` };
}

/** A step in seconds as the charts' notes say it. */
export function formatStep(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Several series added up point by point (every worker's throughput as one line). */
export function sumSeries(series: readonly TimeSeries[], id: string): TimeSeries {
  const total = new Map<string, number>();
  for (const s of series) for (const p of s.points) total.set(p.time, (total.get(p.time) ?? 0) + p.value);
  const points = [...total].sort(([a], [b]) => a.localeCompare(b)).map(([time, value]) => ({ time, value }));
  return { id, points };
}

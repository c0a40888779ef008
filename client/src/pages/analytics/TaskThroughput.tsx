import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RANGES, type RangeId } from '../../monitoring/useSeries';
import { TasksDocument } from '../tasks/tasks.operations';

const BUCKETS = 24;

/** Tasks finished per interval, from the latest 100 finished tasks of each outcome. */
export function TaskThroughput({ range }: { range: RangeId }) {
  const succeeded = useQuery(TasksDocument, {
    variables: { first: 100, status: 'SUCCEEDED' },
    pollInterval: 30_000,
  });
  const failed = useQuery(TasksDocument, {
    variables: { first: 100, status: 'FAILED' },
    pollInterval: 30_000,
  });
  const seconds = RANGES.find((r) => r.id === range)?.seconds ?? 3600;
  const bucketMs = (seconds * 1000) / BUCKETS;

  const series = useMemo(() => {
    const end = Math.ceil(Date.now() / bucketMs) * bucketMs;
    const count = (nodes: { completedAt: string | null }[]) => {
      const counts = new Array<number>(BUCKETS).fill(0);
      for (const { completedAt } of nodes) {
        if (!completedAt) continue;
        const index = BUCKETS - 1 - Math.floor((end - new Date(completedAt).getTime()) / bucketMs);
        if (index >= 0 && index < BUCKETS) counts[index] += 1;
      }
      return counts.map((value, i) => ({
        time: new Date(end - (BUCKETS - i) * bucketMs).toISOString(),
        value,
      }));
    };
    return [
      { id: 'succeeded', points: count(succeeded.data?.tasks.edges.map((e) => e.node) ?? []) },
      { id: 'failed', points: count(failed.data?.tasks.edges.map((e) => e.node) ?? []) },
    ];
  }, [succeeded.data, failed.data, bucketMs]);

  const error = succeeded.error ?? failed.error;
  if (error) return <ErrorMessage error={error} title="Could not load task throughput" />;
  const perBucket =
    bucketMs >= 3_600_000 ? `${bucketMs / 3_600_000} h` : `${Math.round(bucketMs / 60_000)} min`;
  return (
    <TimeSeriesChart
      title={`Task throughput (tasks finished per ${perBucket})`}
      unit="Tasks"
      format={(v) => `${Math.round(v)}`}
      series={series}
    />
  );
}

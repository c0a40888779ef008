import { count } from '../../components/charts/measures';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { type RangeId, sumSeries, useSeries } from '../../monitoring/useSeries';

const PER_MINUTE = 60;

/**
 * Tasks finished per minute, every worker's added up: the workers' own counters as observability
 * stores them (`tasks_succeeded_rate`, `tasks_failed_rate`), not a count of tasks fetched here.
 */
export function TaskThroughput({ range }: { range: RangeId }) {
  const succeeded = useSeries('tasks_succeeded_rate', range, { scale: PER_MINUTE });
  const failed = useSeries('tasks_failed_rate', range, { scale: PER_MINUTE });
  const error = succeeded.error ?? failed.error;
  if (error) return <ErrorMessage error={error} title="Could not load task throughput" />;
  if (succeeded.loading || failed.loading) return <Loading label="Loading task throughput" />;
  return (
    <TimeSeriesChart
      title="Task throughput (tasks finished per minute)"
      note={succeeded.note}
      unit="Tasks per minute"
      measure={count('per minute')}
      series={[sumSeries(succeeded.series, 'succeeded'), sumSeries(failed.series, 'failed')]}
    />
  );
}

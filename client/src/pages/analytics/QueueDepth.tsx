import { count } from '../../components/charts/measures';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { type RangeId, sumSeries, useSeries } from '../../monitoring/useSeries';

/** Jobs waiting and running over every agent queue, as observability samples them at each scrape. */
export function QueueDepth({ range }: { range: RangeId }) {
  const waiting = useSeries('queue_waiting', range, { service: 'tasks' });
  const active = useSeries('queue_active', range, { service: 'tasks' });
  const error = waiting.error ?? active.error;
  if (error) return <ErrorMessage error={error} title="Could not load queue depth" />;
  if (waiting.loading || active.loading) return <Loading label="Loading queue depth" />;
  return (
    <TimeSeriesChart
      title="Queue depth (jobs, every agent queue)"
      note={waiting.note}
      unit="Jobs"
      measure={count('jobs')}
      series={[sumSeries(waiting.series, 'waiting'), sumSeries(active.series, 'running')]}
    />
  );
}

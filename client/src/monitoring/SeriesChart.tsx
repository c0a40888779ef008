import type { Measure } from '../components/charts/measures';
import { TimeSeriesChart } from '../components/charts/TimeSeriesChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { type RangeId, useSeries } from './useSeries';

interface Props {
  title: string;
  metric: string;
  range: RangeId;
  unit: string;
  measure: Measure;
  service?: string;
}

/** One stored metric as a chart, with its own loading and error states. */
export function SeriesChart({ title, metric, range, unit, measure, service }: Props) {
  const { series, loading, error, note } = useSeries(metric, range, { service });
  if (loading) return <Loading label={`Loading ${title.toLowerCase()}`} />;
  if (error) return <ErrorMessage error={error} title={`Could not load ${title.toLowerCase()}`} />;
  return <TimeSeriesChart title={title} series={series} unit={unit} measure={measure} note={note} />;
}

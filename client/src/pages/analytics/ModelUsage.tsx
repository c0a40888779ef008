import { count, type Measure } from '../../components/charts/measures';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { type RangeId, sumSeries, useSeries } from '../../monitoring/useSeries';

const PER_MINUTE = 60;
const PER_HOUR = 3_600;

const TOKENS = count('tokens');
const DOLLARS: Measure = {
  format: (v) => `$${v < 1 ? v.toFixed(4) : v.toFixed(2)}`,
  units: [{ factor: 1, suffix: '$' }],
  idle: 0.01,
};

/**
 * Language-model use over time, every worker's added up: tokens in and out per minute and the estimated
 * cost per hour, from the workers' own counters as observability stores them (`llm_*_rate`). The cost is
 * LLM_PRICES' estimate; it reads 0 where no price is configured.
 */
export function ModelUsage({ range }: { range: RangeId }) {
  const input = useSeries('llm_input_tokens_rate', range, { scale: PER_MINUTE });
  const output = useSeries('llm_output_tokens_rate', range, { scale: PER_MINUTE });
  const cost = useSeries('llm_cost_usd_rate', range, { scale: PER_HOUR });
  const error = input.error ?? output.error ?? cost.error;
  if (error) return <ErrorMessage error={error} title="Could not load model usage" />;
  if (input.loading || output.loading || cost.loading) return <Loading label="Loading model usage" />;
  return (
    <>
      <TimeSeriesChart
        title="Model tokens per minute"
        note={input.note}
        unit="Tokens per minute"
        measure={TOKENS}
        series={[sumSeries(input.series, 'input'), sumSeries(output.series, 'output')]}
      />
      <TimeSeriesChart
        title="Estimated model cost per hour"
        note={cost.note}
        unit="US dollars per hour"
        measure={DOLLARS}
        series={[sumSeries(cost.series, 'cost')]}
      />
    </>
  );
}

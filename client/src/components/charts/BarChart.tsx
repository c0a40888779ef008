import { ResponsiveBar } from '@nivo/bar';
import { EmptyState } from '../EmptyState';
import { useChartTheme } from './chart-theme';
import { type Measure, textWidth, valueAxis } from './measures';

export interface Bar {
  label: string;
  value: number;
}

interface Props {
  title: string;
  bars: readonly Bar[];
  /** The value axis legend, e.g. "Requests"; the ticks carry the unit. */
  unit: string;
  measure: Measure;
  height?: number;
}

/** Horizontal bars (labels stay readable on phones) with axes, tooltips and a text summary. */
export function BarChart({ title, bars, unit, measure, height = 240 }: Props) {
  const { theme, colorOf } = useChartTheme();
  if (bars.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <EmptyState title="No data yet" />
      </figure>
    );
  }
  const summary = bars.map((b) => `${b.label}: ${measure.format(b.value)}`).join('; ');
  const axis = valueAxis(measure, Math.max(...bars.map((b) => b.value)), 4);
  // The category labels sit left of the bars, the last value tick is centred on the right edge.
  const left = textWidth(Math.max(...bars.map((b) => b.label.length))) + 16;
  const right = Math.ceil(textWidth(axis.format(axis.max).length) / 2) + 8;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" style={{ height }}>
        <ResponsiveBar
          data={bars.map((b) => ({ label: b.label, value: b.value }))}
          keys={['value']}
          indexBy="label"
          layout="horizontal"
          theme={theme}
          colors={(bar) => colorOf(String(bar.indexValue))}
          role="img"
          ariaLabel={`${title}. ${summary}`}
          margin={{ top: 8, right, bottom: 48, left }}
          padding={0.3}
          valueScale={{ type: 'linear', min: 0, max: axis.max }}
          valueFormat={measure.format}
          enableLabel={false}
          gridXValues={axis.ticks}
          axisBottom={{
            format: axis.format,
            tickValues: axis.ticks,
            legend: unit,
            legendOffset: 36,
            legendPosition: 'middle',
          }}
          axisLeft={{ tickSize: 0, tickPadding: 8 }}
          tooltip={({ indexValue, value }) => (
            <div className="chart-tooltip">
              <strong>{String(indexValue)}</strong>: {measure.format(value)}
            </div>
          )}
          animate={false}
        />
      </div>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}

import { ResponsiveBar } from '@nivo/bar';
import { EmptyState } from '../EmptyState';
import { useChartTheme } from './chart-theme';

export interface Bar {
  label: string;
  value: number;
}

interface Props {
  title: string;
  bars: readonly Bar[];
  /** The value axis legend with its unit. */
  unit: string;
  format(value: number): string;
  height?: number;
}

/** Horizontal bars (labels stay readable on phones) with axes, tooltips and a text summary. */
export function BarChart({ title, bars, unit, format, height = 240 }: Props) {
  const { theme, colors } = useChartTheme();
  if (bars.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <EmptyState title="No data yet" />
      </figure>
    );
  }
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');
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
          colors={[colors[0]]}
          role="img"
          ariaLabel={`${title}. ${summary}`}
          margin={{ top: 8, right: 24, bottom: 48, left: 104 }}
          padding={0.3}
          valueFormat={format}
          enableLabel={false}
          axisBottom={{ format, tickValues: 4, legend: unit, legendOffset: 36, legendPosition: 'middle' }}
          axisLeft={{ tickSize: 0, tickPadding: 8 }}
          tooltip={({ indexValue, value }) => (
            <div className="chart-tooltip">
              <strong>{String(indexValue)}</strong>: {format(value)}
            </div>
          )}
          animate={false}
        />
      </div>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}

import { ResponsiveLine } from '@nivo/line';
import { EmptyState } from '../EmptyState';
import { useChartTheme } from './chart-theme';

export interface TimePoint {
  time: string;
  value: number;
}

export interface TimeSeries {
  id: string;
  points: readonly TimePoint[];
}

interface Props {
  title: string;
  series: readonly TimeSeries[];
  /** The y axis legend, with its unit, e.g. "Latency (ms)". */
  unit: string;
  format(value: number): string;
  height?: number;
  /** The range and step the points cover, shown under the title. */
  note?: string;
}

/** A time chart with axes, a legend, a tooltip per instant, and a text summary for screen readers. */
export function TimeSeriesChart({ title, series, unit, format, height = 260, note }: Props) {
  const { theme, colors } = useChartTheme();
  const data = series
    .filter((s) => s.points.length > 0)
    .map((s) => ({ id: s.id, data: s.points.map((p) => ({ x: new Date(p.time), y: p.value })) }));

  if (data.length === 0) {
    return (
      <figure className="chart">
        <Caption title={title} note={note} />
        <EmptyState title="No data in this range yet">Points appear after the next scrapes.</EmptyState>
      </figure>
    );
  }
  const times = data.flatMap((s) => s.data.map((d) => d.x.getTime()));
  // Seconds on the axis when the points span minutes, else hours and minutes.
  const timeFormat = Math.max(...times) - Math.min(...times) < 10 * 60_000 ? '%H:%M:%S' : '%H:%M';
  const summary = data.map((s) => `${s.id}: ${format(s.data[s.data.length - 1].y)} latest`).join('; ');

  return (
    <figure className="chart">
      <Caption title={title} note={note} />
      <div className="chart-canvas" style={{ height }}>
        <ResponsiveLine
          data={data}
          theme={theme}
          colors={colors}
          role="img"
          ariaLabel={`${title}. ${summary}`}
          margin={{ top: 12, right: 16, bottom: 48, left: 80 }}
          xScale={{ type: 'time', useUTC: false }}
          yScale={{ type: 'linear', min: 0, max: 'auto' }}
          axisBottom={{
            format: timeFormat,
            tickValues: 4,
            legend: 'Time',
            legendOffset: 36,
            legendPosition: 'middle',
          }}
          axisLeft={{ format, tickValues: 5, legend: unit, legendOffset: -70, legendPosition: 'middle' }}
          enablePoints={false}
          enableSlices="x"
          sliceTooltip={({ slice }) => (
            <div className="chart-tooltip">
              <strong>{slice.points[0] ? (slice.points[0].data.x as Date).toLocaleTimeString() : ''}</strong>
              {slice.points.map((p) => (
                <div key={p.id}>
                  <span className="swatch" style={{ background: p.seriesColor }} /> {String(p.seriesId)}:{' '}
                  {format(p.data.y as number)}
                </div>
              ))}
            </div>
          )}
          animate={false}
        />
      </div>
      {/* An HTML legend wraps on narrow screens, where nivo's would be cut off. */}
      <ul className="legend" aria-hidden="true">
        {data.map((s, i) => (
          <li key={s.id}>
            <span className="swatch" style={{ background: colors[i % colors.length] }} />
            {s.id}
          </li>
        ))}
      </ul>
      <p className="sr-only">{summary}</p>
    </figure>
  );
}

function Caption({ title, note }: { title: string; note?: string }) {
  return (
    <figcaption>
      {title}
      {note && <span className="chart-note">{note}</span>}
    </figcaption>
  );
}

import { ResponsiveLine } from '@nivo/line';
import { EmptyState } from '../EmptyState';
import { useChartTheme } from './chart-theme';
import { type Measure, textWidth, valueAxis } from './measures';

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
  /** The y axis legend, e.g. "Latency"; the ticks carry the unit. */
  unit: string;
  measure: Measure;
  height?: number;
  /** The range and step the points cover, shown under the title. */
  note?: string;
}

/** Room for the y legend (rotated text) beside the tick labels. */
const LEGEND_ROOM = 26;
/** Tick line and padding between the axis and its labels (nivo's defaults, 5 + 5). */
const TICK_ROOM = 10;
/** Half a "12:34:56" label: the last time tick is centred on the chart's right edge. */
const RIGHT = Math.ceil(textWidth(8) / 2) + 4;

/** A time chart with axes, a legend, a tooltip per instant, and a text summary for screen readers. */
export function TimeSeriesChart({ title, series, unit, measure, height = 260, note }: Props) {
  const { theme, colorOf } = useChartTheme();
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
  const axis = valueAxis(measure, Math.max(...data.flatMap((s) => s.data.map((d) => d.y))));
  const left = textWidth(axis.longest) + TICK_ROOM + LEGEND_ROOM;
  const summary = data
    .map((s) => `${s.id}: ${measure.format(s.data[s.data.length - 1].y)} latest`)
    .join('; ');

  return (
    <figure className="chart">
      <Caption title={title} note={note} />
      <div className="chart-canvas" style={{ height }}>
        <ResponsiveLine
          data={data}
          theme={theme}
          colors={(s) => colorOf(String(s.id))}
          role="img"
          ariaLabel={`${title}. ${summary}`}
          margin={{ top: 12, right: RIGHT, bottom: 48, left }}
          xScale={{ type: 'time', useUTC: false }}
          yScale={{ type: 'linear', min: 0, max: axis.max }}
          axisBottom={{
            format: timeFormat,
            tickValues: 4,
            legend: 'Time',
            legendOffset: 36,
            legendPosition: 'middle',
          }}
          axisLeft={{
            format: axis.format,
            tickValues: axis.ticks,
            legend: unit,
            legendOffset: -(left - 12),
            legendPosition: 'middle',
          }}
          gridYValues={axis.ticks}
          // A line needs two points; a lone first scrape shows as a dot.
          enablePoints={data.some((s) => s.data.length === 1)}
          pointSize={6}
          enableSlices="x"
          sliceTooltip={({ slice }) => (
            <div className="chart-tooltip">
              <strong>{slice.points[0] ? (slice.points[0].data.x as Date).toLocaleTimeString() : ''}</strong>
              {slice.points.map((p) => (
                <div key={p.id}>
                  <span className="swatch" style={{ background: p.seriesColor }} /> {String(p.seriesId)}:{' '}
                  {measure.format(p.data.y as number)}
                </div>
              ))}
            </div>
          )}
          animate={false}
        />
      </div>
      {/* An HTML legend wraps on narrow screens, where nivo's would be cut off. */}
      <ul className="legend" aria-hidden="true">
        {data.map((s) => (
          <li key={s.id}>
            <span className="swatch" style={{ background: colorOf(s.id) }} />
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

import { scaleLinear } from 'd3-scale';
import { formatBytes, formatPercent, formatRate, formatSeconds } from '../../lib/format';

/** One unit an axis may use: values are divided by `factor` and labelled with `suffix`. */
interface AxisUnit {
  factor: number;
  suffix: string;
}

/** What a chart's numbers are: how one value reads (tooltips, summaries) and how the axis labels them. */
export interface Measure {
  format(value: number): string;
  /** Smallest first; an axis takes the largest unit its top tick reaches, so every tick shares it. */
  units: readonly AxisUnit[];
  /** The axis top while every value is 0, so an idle line sits on the floor of a sensible range. */
  idle: number;
}

export const SECONDS: Measure = {
  format: formatSeconds,
  units: [
    { factor: 1e-6, suffix: 'µs' },
    { factor: 1e-3, suffix: 'ms' },
    { factor: 1, suffix: 's' },
  ],
  idle: 0.01,
};

export const BYTES: Measure = {
  format: formatBytes,
  units: ['B', 'KiB', 'MiB', 'GiB', 'TiB'].map((suffix, i) => ({ factor: 1024 ** i, suffix })),
  idle: 1024 ** 2,
};

export const REQUEST_RATE: Measure = { format: formatRate, units: [{ factor: 1, suffix: 'req/s' }], idle: 1 };

/** A 0..1 share shown as a percentage with `digits` decimals in tooltips. */
export function percent(digits = 1): Measure {
  return { format: (v) => formatPercent(v, digits), units: [{ factor: 0.01, suffix: '%' }], idle: 1 };
}

/** Plain numbers (jobs, tasks per minute); `noun` follows each tooltip figure, the axis legend says it. */
export function count(noun = ''): Measure {
  const tail = noun ? ` ${noun}` : '';
  // Points average a step's samples, so small counts come out fractional.
  const format = (v: number) => `${v < 10 && !Number.isInteger(v) ? v.toFixed(1) : v.toFixed(0)}${tail}`;
  return { format, units: [{ factor: 1, suffix: '' }], idle: 5 };
}

export interface Axis {
  /** Tick values in the data's own unit, from 0 to `max`. */
  ticks: number[];
  max: number;
  /** Labels every tick in the one unit the axis uses: "0 ms", "5 ms", "10 ms", never "0 µs". */
  format(value: number): string;
  /** The longest label, in characters, to size the chart's margin so no label is cut off. */
  longest: number;
}

/**
 * A value axis from 0 to a round number at or above `max`, about `count` ticks, one unit for all of
 * them with as many decimals as the step needs (d3-scale's `nice` and `ticks` give 1-2-5 steps).
 */
export function valueAxis(measure: Measure, max: number, count = 5): Axis {
  const top = Number.isFinite(max) && max > 0 ? max : measure.idle;
  let index = Math.max(
    0,
    measure.units.findLastIndex((u) => u.factor <= top),
  );
  let scale = scaleLinear()
    .domain([0, top / measure.units[index].factor])
    .nice(count);
  // 0.98 s rounds up to 1000 ms: a top tick that reaches the next unit is labelled in it ("1 s").
  const next = measure.units[index + 1];
  if (next && (scale.domain()[1] as number) * measure.units[index].factor >= next.factor) {
    index += 1;
    scale = scaleLinear()
      .domain([0, top / next.factor])
      .nice(count);
  }
  const unit = measure.units[index];
  const scaled = scale.ticks(count);
  const step = scaled.length > 1 ? scaled[1] - scaled[0] : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const label = (v: number) => {
    const text = v === 0 ? '0' : v.toFixed(decimals);
    return unit.suffix ? `${text} ${unit.suffix}` : text;
  };
  const ticks = scaled.map((t) => t * unit.factor);
  return {
    ticks,
    max: (scale.domain()[1] as number) * unit.factor,
    format: (value) => label(Math.abs(value) < 1e-12 ? 0 : value / unit.factor),
    longest: Math.max(...scaled.map((t) => label(t).length)),
  };
}

/**
 * Pixels for `chars` characters of axis text (12 px): wide enough for DejaVu Sans, the widest of the
 * fonts `system-ui` resolves to on the Linux desktops seen, so a margin sized by it never cuts a label.
 */
export function textWidth(chars: number): number {
  return Math.ceil(chars * 7.6);
}

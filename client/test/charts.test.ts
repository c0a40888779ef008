import { describe, expect, it } from 'vitest';
import { BYTES, count, percent, REQUEST_RATE, SECONDS, valueAxis } from '../src/components/charts/measures';
import { paletteOf, seriesColor } from '../src/components/charts/series-colors';

const labels = (axis: ReturnType<typeof valueAxis>) => axis.ticks.map(axis.format);

describe('value axes: one unit for every tick, a round top, no "0 µs"', () => {
  it('labels a latency axis under 50 ms in ms, 0 included', () => {
    const axis = valueAxis(SECONDS, 0.0421);
    expect(labels(axis)).toEqual(['0 ms', '10 ms', '20 ms', '30 ms', '40 ms', '50 ms']);
    expect(axis.max).toBeCloseTo(0.05);
  });

  it('moves to the next unit when the round top reaches it (0.98 s is "1.0 s", not "1000 ms")', () => {
    const axis = valueAxis(SECONDS, 0.98);
    expect(labels(axis)).toEqual(['0 s', '0.2 s', '0.4 s', '0.6 s', '0.8 s', '1.0 s']);
  });

  it('keeps µs for sub-millisecond axes, where it is the right unit for every tick', () => {
    expect(labels(valueAxis(SECONDS, 0.00037))).toEqual(['0 µs', '100 µs', '200 µs', '300 µs', '400 µs']);
  });

  it('puts an idle series (all zero) on the floor of a sensible range instead of mid-chart', () => {
    const axis = valueAxis(SECONDS, 0);
    expect(axis.ticks[0]).toBe(0);
    expect(labels(axis)).toEqual(['0 ms', '2 ms', '4 ms', '6 ms', '8 ms', '10 ms']);
    expect(labels(valueAxis(percent(0), 0)).at(-1)).toBe('100 %');
  });

  it('shows as many decimals as the step needs, and no more', () => {
    expect(labels(valueAxis(REQUEST_RATE, 0.55, 4))).toEqual([
      '0 req/s',
      '0.2 req/s',
      '0.4 req/s',
      '0.6 req/s',
    ]);
    expect(labels(valueAxis(percent(), 0.034))).toEqual([
      '0 %',
      '0.5 %',
      '1.0 %',
      '1.5 %',
      '2.0 %',
      '2.5 %',
      '3.0 %',
      '3.5 %',
    ]);
    expect(labels(valueAxis(count('jobs'), 2450))).toEqual(['0', '500', '1000', '1500', '2000', '2500']);
  });

  it('steps bytes in binary units, so ticks are round in MiB', () => {
    const axis = valueAxis(BYTES, 330 * 1024 ** 2);
    expect(labels(axis)).toEqual([
      '0 MiB',
      '50 MiB',
      '100 MiB',
      '150 MiB',
      '200 MiB',
      '250 MiB',
      '300 MiB',
      '350 MiB',
    ]);
    expect(axis.longest).toBe('350 MiB'.length);
  });
});

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const SERVICES = [
  'gateway',
  'identity',
  'channels',
  'tasks',
  'files',
  'observability',
  'webhooks',
  'tasks-worker',
];

describe('series colours: one per service in every chart', () => {
  it('gives each of the eight services its own colour, in each theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      const colours = SERVICES.map((s) => seriesColor(s, theme));
      expect(new Set(colours).size).toBe(SERVICES.length);
    }
  });

  it('depends on the id only, never on which other series a chart holds', () => {
    expect(seriesColor('gateway', 'light')).toBe(seriesColor('gateway', 'light'));
    expect(seriesColor('some-new-service', 'dark')).toBe(seriesColor('some-new-service', 'dark'));
    expect(paletteOf('dark')).toContain(seriesColor('some-new-service', 'dark'));
  });

  it('keeps at least 3:1 contrast on the card and table backgrounds of both themes (WCAG 1.4.11)', () => {
    for (const c of paletteOf('light'))
      for (const bg of ['#ffffff', '#f1f5f9']) expect(contrast(c, bg)).toBeGreaterThanOrEqual(3);
    for (const c of paletteOf('dark'))
      for (const bg of ['#111827', '#1f2937']) expect(contrast(c, bg)).toBeGreaterThanOrEqual(3);
  });
});

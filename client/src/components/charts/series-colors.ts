import type { Theme } from '../../theme/ThemeProvider';

/**
 * The chart palette, eight hues with at least 3:1 contrast on the card background of each theme
 * (WCAG 1.4.11 for graphics): rose, amber, lime, emerald, sky, indigo, purple, slate.
 */
const PALETTE: Record<Theme, readonly string[]> = {
  light: ['#be123c', '#b45309', '#4d7c0f', '#047857', '#0369a1', '#4f46e5', '#7e22ce', '#475569'],
  dark: ['#fb7185', '#fbbf24', '#a3e635', '#34d399', '#7dd3fc', '#a5b4fc', '#d8b4fe', '#cbd5e1'],
};

/**
 * Every process of the platform keeps one hue in every chart (a chart's series order depends on which
 * services have points, so colours by position moved from chart to chart). Task and queue series get
 * the hues their meaning suggests; they never share a chart with the services.
 */
const FIXED: Readonly<Record<string, number>> = {
  gateway: 5,
  identity: 0,
  channels: 1,
  tasks: 4,
  'tasks-worker': 3,
  files: 2,
  observability: 6,
  webhooks: 7,
  succeeded: 3,
  failed: 0,
  waiting: 1,
  running: 4,
};

/** A series' colour by its id: the fixed one, else one picked from the id, so it is stable too. */
export function seriesColor(id: string, theme: Theme): string {
  const palette = PALETTE[theme];
  const fixed = FIXED[id];
  if (fixed !== undefined) return palette[fixed];
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}

/** The palette itself, for tests that check contrast. */
export function paletteOf(theme: Theme): readonly string[] {
  return PALETTE[theme];
}

import type { PartialTheme } from '@nivo/theming';
import { useMemo } from 'react';
import { useTheme } from '../../theme/ThemeProvider';

/** Series colours with at least 3:1 contrast on both backgrounds (WCAG 1.4.11 for graphics). */
export const SERIES_COLORS = {
  light: ['#4f46e5', '#b45309', '#047857', '#be123c', '#0369a1', '#7e22ce', '#4d7c0f'],
  dark: ['#a5b4fc', '#fbbf24', '#34d399', '#fb7185', '#7dd3fc', '#d8b4fe', '#a3e635'],
};

/** Nivo's theme from ours: text, grid and tooltip follow light or dark. */
export function useChartTheme(): { theme: PartialTheme; colors: string[] } {
  const { theme } = useTheme();
  return useMemo(() => {
    const dark = theme === 'dark';
    const text = dark ? '#e5e7eb' : '#1f2937';
    const grid = dark ? '#374151' : '#e5e7eb';
    return {
      colors: SERIES_COLORS[theme],
      theme: {
        text: { fill: text, fontSize: 12 },
        axis: {
          domain: { line: { stroke: grid } },
          ticks: { line: { stroke: grid }, text: { fill: text } },
          legend: { text: { fill: text, fontSize: 12, fontWeight: 600 } },
        },
        grid: { line: { stroke: grid } },
        legends: { text: { fill: text } },
        crosshair: { line: { stroke: text } },
        tooltip: {
          container: { background: dark ? '#111827' : '#ffffff', color: text, fontSize: 12 },
        },
      },
    };
  }, [theme]);
}

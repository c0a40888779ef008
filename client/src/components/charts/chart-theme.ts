import type { PartialTheme } from '@nivo/theming';
import { useMemo } from 'react';
import { useTheme } from '../../theme/ThemeProvider';
import { seriesColor } from './series-colors';

/** Nivo's theme from ours: text, grid and tooltip follow light or dark; series keep their colour. */
export function useChartTheme(): { theme: PartialTheme; colorOf(id: string): string } {
  const { theme } = useTheme();
  return useMemo(() => {
    const dark = theme === 'dark';
    const text = dark ? '#e5e7eb' : '#1f2937';
    const grid = dark ? '#374151' : '#e5e7eb';
    return {
      colorOf: (id: string) => seriesColor(id, theme),
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

interface Props {
  values: readonly number[];
  /** What the line shows, for screen readers (the figures go with it). */
  label: string;
  width?: number;
  height?: number;
}

/** A tiny bar chart of counts (an error group's hours); bars, so one occurrence is visible. */
export function Sparkline({ values, label, width = 96, height = 24 }: Props) {
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const bar = width / Math.max(1, values.length);
  // One path of bars; an hour without any keeps a 1 px stub, so the day's shape stays readable.
  const bars = values
    .map((v, i) => {
      const h = v > 0 ? Math.max(2, (v / max) * height) : 1;
      return `M${i * bar + 0.5} ${height}v${-h}h${Math.max(1, bar - 1)}v${h}z`;
    })
    .join('');
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${total} in all, at most ${Math.max(0, ...values)} in one`}
    >
      <path d={bars} />
    </svg>
  );
}

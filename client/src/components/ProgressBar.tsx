interface Props {
  /** 0..100; null shows an indeterminate bar. */
  value: number | null;
  label: string;
}

/** A native <progress> with a visible percentage, announced by screen readers by its label. */
export function ProgressBar({ value, label }: Props) {
  return (
    <div className="progress">
      <progress max={100} value={value ?? undefined} aria-label={label} />
      <span className="progress-value">{value == null ? 'working…' : `${Math.round(value)} %`}</span>
    </div>
  );
}

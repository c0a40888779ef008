import { RANGES, type RangeId } from './useSeries';

export function RangePicker({ value, onChange }: { value: RangeId; onChange(range: RangeId): void }) {
  return (
    <label className="inline-field">
      Time range
      <select value={value} onChange={(e) => onChange(e.target.value as RangeId)}>
        {RANGES.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}

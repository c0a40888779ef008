export type ColumnType = 'integer' | 'number' | 'boolean' | 'date' | 'string' | 'mixed' | 'empty';

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** How many non-missing values had each type, when they disagree. */
  types: Record<string, number>;
  count: number;
  missing: number;
  distinct: number;
  min?: number | string;
  max?: number | string;
  mean?: number;
  median?: number;
  stddev?: number;
  topValues: { value: string; count: number }[];
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** CSV gives strings and JSON gives typed values; both are read the way a person would read them. */
function typeOf(v: unknown): {
  type: Exclude<ColumnType, 'mixed' | 'empty'>;
  value: number | string | boolean;
} {
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'integer' : 'number', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  const s = typeof v === 'string' ? v.trim() : JSON.stringify(v);
  if (NUMBER.test(s)) {
    const n = Number(s);
    return { type: Number.isInteger(n) && !/[.eE]/.test(s) ? 'integer' : 'number', value: n };
  }
  if (/^(true|false)$/i.test(s)) return { type: 'boolean', value: s.toLowerCase() === 'true' };
  if (DATE.test(s) && !Number.isNaN(Date.parse(s))) return { type: 'date', value: new Date(s).toISOString() };
  return { type: 'string', value: s };
}

export function analyzeColumns(rows: Record<string, unknown>[], topN = 5): ColumnProfile[] {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  return [...names].map((name) =>
    profile(
      name,
      rows.map((r) => r[name]),
      topN,
    ),
  );
}

function profile(name: string, raw: unknown[], topN: number): ColumnProfile {
  const types: Record<string, number> = {};
  const numbers: number[] = [];
  const dates: string[] = [];
  const freq = new Map<string, number>();
  let missing = 0;
  for (const v of raw) {
    if (isMissing(v)) {
      missing++;
      continue;
    }
    const t = typeOf(v);
    types[t.type] = (types[t.type] ?? 0) + 1;
    if (typeof t.value === 'number') numbers.push(t.value);
    if (t.type === 'date') dates.push(t.value as string);
    const key = String(t.value);
    freq.set(key, (freq.get(key) ?? 0) + 1);
  }
  const kinds = Object.keys(types);
  let type: ColumnType =
    kinds.length === 0 ? 'empty' : kinds.length === 1 ? (kinds[0] as ColumnType) : 'mixed';
  if (kinds.length === 2 && types.integer && types.number) type = 'number';
  const out: ColumnProfile = {
    name,
    type,
    types,
    count: raw.length - missing,
    missing,
    distinct: freq.size,
    topValues: [...freq.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, topN)
      .map(([value, count]) => ({ value, count })),
  };
  if ((type === 'integer' || type === 'number') && numbers.length) Object.assign(out, numericStats(numbers));
  if (type === 'date' && dates.length) {
    const sorted = [...dates].sort();
    Object.assign(out, { min: sorted[0], max: sorted.at(-1) });
  }
  return out;
}

export function numericStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  // Sample standard deviation (n - 1): the file is usually a sample of something larger.
  const variance = n > 1 ? sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    min: sorted[0],
    max: sorted[n - 1],
    mean: round(mean),
    median: round(median),
    stddev: round(Math.sqrt(variance)),
  };
}

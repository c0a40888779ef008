import type { Sql, SqlQuery } from '@trae/kit';

/** The sparkline's span: one point per hour, as Sentry's issue list shows by default. */
export const SPARK_HOURS = 24;
const HOUR_MS = 3_600_000;

/** One stored occurrence of a group; `userId` is '' for a line of no user's request. */
export interface Occurrence {
  fingerprint: string;
  userId: string;
  time: string;
}

/** Runs after the groups' upsert in the same transaction (a count refers to its group). */
const COUNT = `
insert into error_counts (fingerprint, user_id, bucket, count)
select fingerprint, "userId", date_trunc('hour', time), count(*)
from jsonb_to_recordset($1::jsonb) as x(fingerprint text, "userId" text, time timestamptz)
group by 1, 2, 3
on conflict (fingerprint, bucket, user_id) do update set count = error_counts.count + excluded.count`;

/** `$3` limits the counts to one user's occurrences (null: everyone's). */
const SERIES = `
select fingerprint, bucket, sum(count)::int as n from error_counts
where fingerprint = any($1::text[]) and bucket >= $2::timestamptz and ($3::text is null or user_id = $3)
group by 1, 2`;

export async function countOccurrences(query: SqlQuery, occurrences: Occurrence[]): Promise<void> {
  if (occurrences.length) await query(COUNT, [JSON.stringify(occurrences)]);
}

/**
 * Each group's occurrences in each of the last SPARK_HOURS hours, oldest first, the current hour
 * last; `owner` counts only that user's (what a user may see of a group).
 */
export async function hourlyCounts(
  sql: Sql,
  fingerprints: string[],
  owner: string | undefined,
  now = Date.now(),
): Promise<Map<string, number[]>> {
  const current = Math.floor(now / HOUR_MS) * HOUR_MS;
  const first = current - (SPARK_HOURS - 1) * HOUR_MS;
  const out = new Map(fingerprints.map((f) => [f, new Array<number>(SPARK_HOURS).fill(0)]));
  if (!fingerprints.length) return out;
  const rows = await sql.query<{ fingerprint: string; bucket: string | Date; n: number }>(SERIES, [
    fingerprints,
    new Date(first),
    owner ?? null,
  ]);
  for (const r of rows) {
    // The ORM's pool hands timestamps back as text.
    const index = Math.round((new Date(r.bucket).getTime() - first) / HOUR_MS);
    const points = out.get(r.fingerprint);
    if (points && index >= 0 && index < SPARK_HOURS) points[index] += r.n;
  }
  return out;
}

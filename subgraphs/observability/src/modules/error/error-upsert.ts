/** How a batch of occurrences lands in its groups and in each user's share of them. */

const SEVERITIES = `array['low','medium','high','critical']::varchar[]`;
const rank = (s: string) => `array_position(${SEVERITIES}, ${s})`;
/** The group was resolved and this occurrence is newer than the resolution: it is back. */
const REOPENS = 'error_tracking.resolved and excluded.last_seen_at > error_tracking.resolved_at';

/**
 * Same fingerprint, same row: the count grows, last seen moves, the latest sample replaces the old
 * one, and a resolved group that happens again is reopened and raised to at least HIGH.
 */
export const UPSERT = `
insert into error_tracking
  (fingerprint, error_type, error_message, stack_trace, service, severity, count, created_at, last_seen_at, context)
select fingerprint, type, message, stack, service, severity, count, first, last, context
from jsonb_to_recordset($1::jsonb) as x(fingerprint text, type text, message text, stack text, service text,
  severity text, count int, first timestamptz, last timestamptz, context jsonb)
on conflict (fingerprint) do update set
  count = error_tracking.count + excluded.count,
  created_at = least(error_tracking.created_at, excluded.created_at),
  last_seen_at = greatest(error_tracking.last_seen_at, excluded.last_seen_at),
  error_message = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.error_message else error_tracking.error_message end,
  stack_trace = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.stack_trace else error_tracking.stack_trace end,
  context = case when excluded.last_seen_at >= error_tracking.last_seen_at
    then excluded.context else error_tracking.context end,
  severity = (${SEVERITIES})[greatest(${rank('error_tracking.severity')}, ${rank('excluded.severity')},
    case when ${REOPENS} then 3 else 1 end)],
  reopened_count = error_tracking.reopened_count + case when ${REOPENS} then 1 else 0 end,
  reopened_at = case when ${REOPENS} then greatest(error_tracking.resolved_at, excluded.created_at)
    else error_tracking.reopened_at end,
  count_at_reopen = case when ${REOPENS} then error_tracking.count else error_tracking.count_at_reopen end,
  resolved_by = case when ${REOPENS} then null else error_tracking.resolved_by end,
  resolved_at = case when ${REOPENS} then null else error_tracking.resolved_at end,
  resolved = case when ${REOPENS} then false else error_tracking.resolved end`;

/** One user's share of a group: their occurrences in this batch and the latest of them. */
export interface UserRow {
  fingerprint: string;
  userId: string;
  count: number;
  first: string;
  last: string;
  message: string;
  stack: string;
  context: Record<string, unknown>;
}

/** Runs after UPSERT in the same transaction (the share refers to its group). */
export const UPSERT_USERS = `
insert into error_group_users
  (fingerprint, user_id, count, first_seen_at, last_seen_at, error_message, stack_trace, context)
select fingerprint, "userId", count, first, last, message, stack, context
from jsonb_to_recordset($1::jsonb) as x(fingerprint text, "userId" text, count int, first timestamptz,
  last timestamptz, message text, stack text, context jsonb)
on conflict (fingerprint, user_id) do update set
  count = error_group_users.count + excluded.count,
  first_seen_at = least(error_group_users.first_seen_at, excluded.first_seen_at),
  last_seen_at = greatest(error_group_users.last_seen_at, excluded.last_seen_at),
  error_message = case when excluded.last_seen_at >= error_group_users.last_seen_at
    then excluded.error_message else error_group_users.error_message end,
  stack_trace = case when excluded.last_seen_at >= error_group_users.last_seen_at
    then excluded.stack_trace else error_group_users.stack_trace end,
  context = case when excluded.last_seen_at >= error_group_users.last_seen_at
    then excluded.context else error_group_users.context end`;

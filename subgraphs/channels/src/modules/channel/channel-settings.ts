import { CronExpressionParser } from 'cron-parser';
import { Field, ObjectType } from 'type-graphql';
import type { SettingsPatch } from './channel.schema.js';

/** Stored as jsonb on the channel; this class is both its TypeScript shape and its GraphQL type. */
@ObjectType({ description: 'How the agents write for a channel, and when they post.' })
export class ChannelSettings {
  @Field(() => String, { nullable: true, description: 'Voice of the content, e.g. "friendly, expert".' })
  tone: string | null;

  @Field(() => String, { nullable: true, description: 'Who the content is for.' })
  audience: string | null;

  @Field(() => String, { description: 'BCP 47 language tag, e.g. "en" or "pt-BR".' })
  language: string;

  @Field(() => [String], { description: 'Without the leading #.' })
  hashtags: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Standard 5-field cron in UTC (or @daily, @weekly, ...); each run creates a content task.',
  })
  postingSchedule: string | null;
}

export const DEFAULT_SETTINGS: Readonly<ChannelSettings> = Object.freeze({
  tone: null,
  audience: null,
  language: 'en',
  hashtags: [],
  postingSchedule: null,
});

/** More often than this, a schedule would flood the channel (and the agents) with drafts. */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 15;
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Parses a cron and returns it normalised to five fields, so every cron engine reads it the same way. */
export function normaliseCron(expression: string): string {
  const text = expression.trim();
  const fields = text.split(/\s+/);
  if (!MACROS.has(text.toLowerCase()) && fields.length !== 5) {
    throw new Error('must have five fields (minute hour day-of-month month day-of-week) or be a macro');
  }
  let cron: ReturnType<typeof CronExpressionParser.parse>;
  try {
    cron = CronExpressionParser.parse(text.toLowerCase().startsWith('@') ? text.toLowerCase() : text, {
      tz: 'UTC',
    });
  } catch (err) {
    throw new Error(`is not a valid cron expression (${(err as Error).message})`);
  }
  const runs = cron.take(12).map((d) => d.getTime());
  for (let i = 1; i < runs.length; i++) {
    if (runs[i] - runs[i - 1] < MIN_SCHEDULE_INTERVAL_MINUTES * 60_000) {
      throw new Error(`must not run more often than every ${MIN_SCHEDULE_INTERVAL_MINUTES} minutes`);
    }
  }
  return cron.stringify();
}

/** The next time a schedule fires, or null without one. */
export function nextRun(cron: string | null, from = new Date()): Date | null {
  if (!cron) return null;
  return CronExpressionParser.parse(cron, { tz: 'UTC', currentDate: from }).next().toDate();
}

/** Applies a parsed settings change (`settingsPatch`) to the current settings; none keeps them. */
export function applySettings(
  current: ChannelSettings,
  patch: SettingsPatch | null | undefined,
): ChannelSettings {
  if (!patch) return current;
  const next: ChannelSettings = { ...DEFAULT_SETTINGS, ...current };
  if (patch.tone !== undefined) next.tone = patch.tone;
  if (patch.audience !== undefined) next.audience = patch.audience;
  if (patch.language !== undefined) next.language = patch.language ?? DEFAULT_SETTINGS.language;
  if (patch.hashtags !== undefined) next.hashtags = dedupe(patch.hashtags ?? []);
  if (patch.postingSchedule !== undefined) next.postingSchedule = patch.postingSchedule;
  return next;
}

function dedupe(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

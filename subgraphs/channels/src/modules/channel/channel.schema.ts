import { oneOf, optionalText, requiredText, z } from '@trae/kit';
import { CHANNEL_STATUSES, PLATFORMS } from './channel.enums.js';
import { normaliseCron } from './channel-settings.js';
import { SLUG_PATTERN } from './slug.js';

const languageTag = z.string().transform((tag, ctx) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (canonical) return canonical;
  } catch {
    // falls through to the issue below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as "en" or "pt-BR"' });
  return z.NEVER;
});

const hashtag = z
  .string()
  .transform((s) => s.trim().replace(/^#/, ''))
  .refine((s) => /^[\p{L}\p{N}_]{1,100}$/u.test(s), 'must be letters, digits or _ (at most 100)');

const cron = z.string().transform((expression, ctx) => {
  try {
    return normaliseCron(expression);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/**
 * A settings change: only the keys given are applied (`.optional()` outermost keeps a left-out key
 * undefined); unknown keys are refused, as a wrong shape.
 */
export const settingsPatch = z.strictObject(
  {
    tone: optionalText(200).optional(),
    audience: optionalText(500).optional(),
    language: languageTag.nullish(),
    hashtags: z.array(hashtag).max(30, 'must have at most 30 entries').nullish(),
    postingSchedule: cron.nullish(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type'
          ? 'must be an object'
          : undefined,
  },
);
export type SettingsPatch = z.output<typeof settingsPatch>;

const name = requiredText(100);
const description = optionalText(2000);
const platform = oneOf(PLATFORMS);

export const newChannel = z.object({
  name,
  platform,
  description,
  settings: settingsPatch.nullish(),
});

/** Keys left out stay undefined and keep their value. */
export const channelPatch = z.object({
  name: name.optional(),
  slug: requiredText(80)
    .toLowerCase()
    .regex(SLUG_PATTERN, { error: 'must be lowercase letters and digits separated by single dashes' })
    .optional(),
  platform: platform.optional(),
  description: description.optional(),
  status: oneOf(CHANNEL_STATUSES)
    .refine((status) => status !== 'ARCHIVED', { error: 'Use archiveChannel to archive a channel' })
    .optional(),
  settings: settingsPatch.nullish(),
});

export const channelFilter = z.object({
  status: oneOf(CHANNEL_STATUSES).nullish(),
  platform: platform.nullish(),
});

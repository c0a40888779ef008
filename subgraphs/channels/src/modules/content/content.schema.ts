import { oneOf, requiredText, z } from '@trae/kit';
import { CONTENT_KINDS, CONTENT_STATUSES } from './content.enums.js';
import { MAX_BODY, MAX_TITLE } from './draft-from-task.js';

const title = requiredText(MAX_TITLE);
/** Kept as written, not trimmed; null is an empty body. */
const body = z
  .string()
  .max(MAX_BODY, { error: `must be at most ${MAX_BODY} characters` })
  .nullish()
  .transform((text) => text ?? '');
const kind = oneOf(CONTENT_KINDS);

export const newContent = z.object({ title, body, kind });

/** Keys left out stay undefined and keep their value. */
export const contentPatch = z.object({
  title: title.optional(),
  body: body.optional(),
  kind: kind.optional(),
});

export const contentFilter = z.object({
  status: oneOf(CONTENT_STATUSES).nullish(),
  kind: kind.nullish(),
});

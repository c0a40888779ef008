import { z } from 'zod';
import { Errors } from './errors.js';

/**
 * The one validation path of every service: a zod schema (in the module's `*.schema.ts`) parsed in
 * the service, whose first problem becomes BAD_USER_INPUT naming the field (`input.urls.0`).
 * GraphQL's types check shape; these schemas check the rules GraphQL cannot say (lengths, formats).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...(field ? [field] : []), ...issue.path.map(String)].join('.') || 'input';
  throw Errors.badInput(path, `${path}: ${issue.message}`);
}

/** Trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Like `requiredText`, but null, absent or blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((text) => text || null);

/** One of `values` (a GraphQL enum's list, checked again for callers that do not come through GraphQL). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

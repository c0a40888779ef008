import { Errors } from '@trae/kit';

/** Trimmed, non-empty and at most `max` characters, or BAD_USER_INPUT naming `field`. */
export function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw Errors.badInput(field, `${field} must be a string`);
  const text = value.trim();
  if (!text) throw Errors.badInput(field, `${field} must not be empty`);
  if (text.length > max) throw Errors.badInput(field, `${field} must be at most ${max} characters`);
  return text;
}

/** Like `requiredText`, but empty or null becomes null. */
export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw Errors.badInput(field, `${field} must be a string`);
  const text = value.trim();
  if (text.length > max) throw Errors.badInput(field, `${field} must be at most ${max} characters`);
  return text || null;
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T))
    throw Errors.badInput(field, `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

import { decodeCursor, Errors } from '@trae/kit';
import { isUuid } from './ids.js';

/** The keyset condition for "after this cursor" in newest-first (createdAt, id) order. */
export function afterCursor(after: string | null | undefined) {
  if (!after) return undefined;
  const k = decodeCursor(after);
  if (!isUuid(k.id)) throw Errors.badInput('after', 'Malformed cursor');
  return { $or: [{ createdAt: { $lt: k.createdAt } }, { createdAt: k.createdAt, id: { $lt: k.id } }] };
}

export const NEWEST_FIRST = { createdAt: 'desc', id: 'desc' } as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** `%text%` for ILIKE with the caller's wildcards taken literally. */
export function likePattern(field: string, search: string | null | undefined): string | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  if (text.length > 100) throw Errors.badInput(field, `${field} must be at most 100 characters`);
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

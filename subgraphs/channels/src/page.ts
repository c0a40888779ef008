import { decodeCursor, Errors, olderThan } from '@trae/kit';
import { isUuid } from './ids.js';

/** The keyset condition for "after this cursor" in newest-first (createdAt, id) order. */
export function afterCursor(after: string | null | undefined) {
  if (!after) return undefined;
  const k = decodeCursor(after);
  if (!isUuid(k.id)) throw Errors.badInput('after', 'Malformed cursor');
  return olderThan(k);
}

export const NEWEST_FIRST = { createdAt: 'desc', id: 'desc' } as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

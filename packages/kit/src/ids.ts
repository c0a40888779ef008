import { Errors } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUIDs; anything else cannot name a row, and must not reach PostgreSQL as a uuid cast (it raises). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A client's id argument that is not a UUID is its mistake, said plainly rather than as a database error. */
export function assertUuid(field: string, value: unknown): asserts value is string {
  if (!isUuid(value)) throw Errors.badInput(field, `${field} is not a valid id`);
}

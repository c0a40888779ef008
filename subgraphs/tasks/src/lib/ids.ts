const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is checked before it reaches PostgreSQL (which would raise on the cast). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are uuids; anything else cannot name a row, and must not reach Postgres as a uuid cast. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

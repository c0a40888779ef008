import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by id: the ids asked for in one tick reach `find` as one batch (one
 * query for a list or for `_entities`), and each id gets its row, or null when `find` left it out
 * (not there, or not the caller's to see). `find` may return the rows in any order.
 */
export function byIdLoader<T extends { id: string }>(
  find: (ids: readonly string[]) => Promise<readonly T[]>,
): DataLoader<string, T | null> {
  return byKeyLoader(async (ids) => new Map((await find(ids)).map((row) => [row.id, row])));
}

/** The same for values found by key as a map (a role per channel, an avatar per user). */
export function byKeyLoader<K, V>(
  find: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys: readonly K[]) => {
    const found = await find(keys);
    return keys.map((key) => found.get(key) ?? null);
  });
}

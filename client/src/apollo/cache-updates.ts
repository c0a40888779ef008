import type { ApolloCache, Reference } from '@apollo/client';
import type { Modifier } from '@apollo/client/cache';

export type StoredArgs = Record<string, unknown>;

interface Connection {
  totalCount?: number;
  edges: readonly { node: Reference }[];
}

/** The arguments a field was stored under: `channels({"first":50})` gives `{ first: 50 }`. */
export function storedArgs(storeFieldName: string): StoredArgs {
  const open = storeFieldName.search(/[(:]/);
  if (open < 0) return {};
  const json =
    storeFieldName[open] === '(' ? storeFieldName.slice(open + 1, -1) : storeFieldName.slice(open + 1);
  try {
    const args: unknown = JSON.parse(json);
    return args && typeof args === 'object' ? (args as StoredArgs) : {};
  } catch {
    return {};
  }
}

/**
 * After a create: the new node heads every cached first page of `fieldName` (on `id`, the root query by
 * default) that it belongs to, and counts in its total. `belongs` judges from the stored arguments:
 * false leaves the list alone, undefined (a search the server matches) drops it, so it is fetched again
 * when next shown instead of being shown without the new node. Later pages (`after`) stay as they are.
 */
export function addToConnections(
  cache: ApolloCache,
  options: {
    fieldName: string;
    node: Reference;
    edgeTypename: string;
    id?: string;
    belongs?: (args: StoredArgs) => boolean | undefined;
  },
): void {
  const { fieldName, node, edgeTypename, belongs = () => true } = options;
  cache.modify({
    id: options.id ?? 'ROOT_QUERY',
    fields: {
      [fieldName]: ((existing: Connection, { storeFieldName, DELETE, readField }) => {
        const args = storedArgs(storeFieldName);
        if (args.after) return existing;
        const verdict = belongs(args);
        if (verdict === undefined) return DELETE;
        if (!verdict) return existing;
        const id = readField<string>('id', node);
        if (existing.edges.some((edge) => readField<string>('id', edge.node) === id)) return existing;
        const edge = { __typename: edgeTypename, cursor: '', node };
        return {
          ...existing,
          totalCount: existing.totalCount === undefined ? undefined : existing.totalCount + 1,
          edges: [edge, ...existing.edges],
        };
      }) as Modifier<unknown>,
    },
  });
}

/**
 * After a delete: the node leaves every cached list of `fieldName` (on `id`, the root query by default),
 * and its totals count one less; then the node itself is evicted.
 */
export function removeFromConnections(
  cache: ApolloCache,
  options: { fieldName: string; nodeId: string; id?: string },
): void {
  cache.modify({
    id: options.id ?? 'ROOT_QUERY',
    fields: {
      [options.fieldName]: ((existing: Connection) => {
        const edges = existing.edges.filter((edge) => cache.identify(edge.node) !== options.nodeId);
        if (edges.length === existing.edges.length) return existing;
        const totalCount = existing.totalCount === undefined ? undefined : existing.totalCount - 1;
        return { ...existing, totalCount, edges };
      }) as Modifier<unknown>,
    },
  });
  cache.evict({ id: options.nodeId });
  cache.gc();
}

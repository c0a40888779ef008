import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLevel, LogLineFragment } from '../../gql/graphql';
import { LogAddedDocument, LogsDocument } from './logs.operations';

/** The list keeps at most this many lines; the oldest go first. */
export const MAX_LINES = 100_000;
const PAGE = 100;

export interface LogFilters {
  level: LogLevel | '';
  service: string;
  search: string;
}

/**
 * Stored lines page by page (newest first) plus, with `live`, new lines as they are stored. Kept in
 * local state rather than Apollo's cache: 100,000 normalized entries would make every write slow.
 */
export function useLogStream(filters: LogFilters, live: boolean) {
  const client = useApolloClient();
  const [lines, setLines] = useState<LogLineFragment[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const cursor = useRef<{ after: string | null; more: boolean; busy: boolean }>({
    after: null,
    more: true,
    busy: false,
  });
  const variables = {
    level: filters.level || undefined,
    service: filters.service || undefined,
    search: filters.search || undefined,
  };
  const key = JSON.stringify(variables);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter values.
  const loadMore = useCallback(async () => {
    const state = cursor.current;
    if (state.busy || !state.more) return;
    state.busy = true;
    setLoading(true);
    try {
      const { data } = await client.query({
        query: LogsDocument,
        variables: { ...variables, first: PAGE, after: state.after },
        fetchPolicy: 'no-cache',
      });
      if (!data || cursor.current !== state) return;
      state.after = data.logs.pageInfo.endCursor ?? null;
      state.more = data.logs.pageInfo.hasNextPage;
      setLines((old) => [...old, ...data.logs.edges.map((e) => e.node)].slice(0, MAX_LINES));
      setError(null);
    } catch (err) {
      if (cursor.current === state) setError(err);
    } finally {
      state.busy = false;
      setLoading(false);
    }
  }, [client, key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a filter change starts over.
  useEffect(() => {
    cursor.current = { after: null, more: true, busy: false };
    setLines([]);
    void loadMore();
  }, [key, loadMore]);

  const search = filters.search.toLowerCase();
  useSubscription(LogAddedDocument, {
    skip: !live,
    variables: { level: variables.level, service: variables.service },
    onData: ({ data }) => {
      const line = data.data?.logAdded;
      if (!line || (search && !line.message.toLowerCase().includes(search))) return;
      setLines((old) => (old.some((l) => l.id === line.id) ? old : [line, ...old].slice(0, MAX_LINES)));
    },
    onError: setError,
  });

  return { lines, error, loading, loadMore, hasMore: cursor.current.more };
}

import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getFragmentData } from '../../gql';
import type { LogStream_LineFragment } from '../../gql/graphql';
import { type LogFilters, matches, queryVariables } from './log-filters';
import { LogStream_line, LogStreamQuery, LogStreamTailSubscription } from './logs.operations';

export type StreamedLine = LogStream_LineFragment;

/** The list keeps at most this many lines; the oldest go first. */
export const MAX_LINES = 100_000;
const PAGE = 100;

const prepend = (old: StreamedLine[], added: StreamedLine[]) => {
  const seen = new Set(old.slice(0, 1000).map((l) => l.id));
  return [...added.filter((l) => !seen.has(l.id)), ...old].slice(0, MAX_LINES);
};

/**
 * Stored lines page by page (newest first) plus, with `live`, new lines as they are stored. While
 * `paused` (the reader scrolled away from the top) new lines wait in `pending` instead of moving
 * the list; `resume` puts them in. Kept in local state rather than Apollo's cache: 100,000
 * normalized entries would make every write slow.
 */
export function useLogStream(filters: LogFilters, live: boolean, paused: boolean) {
  const client = useApolloClient();
  const [lines, setLines] = useState<StreamedLine[]>([]);
  // New lines held while paused: a ref, so resuming reads them without a stale closure.
  const held = useRef<StreamedLine[]>([]);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const cursor = useRef<{ after: string | null; more: boolean; busy: boolean }>({
    after: null,
    more: true,
    busy: false,
  });
  const key = JSON.stringify(filters);
  // A relative range starts when the filters were set, so paging does not slide under the reader.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter values.
  const variables = useMemo(() => queryVariables(filters), [key]);

  const loadMore = useCallback(async () => {
    const state = cursor.current;
    if (state.busy || !state.more) return;
    state.busy = true;
    setLoading(true);
    try {
      const { data } = await client.query({
        query: LogStreamQuery,
        variables: { ...variables, first: PAGE, after: state.after },
        fetchPolicy: 'no-cache',
      });
      if (!data || cursor.current !== state) return;
      state.after = data.logs.pageInfo.endCursor ?? null;
      state.more = data.logs.pageInfo.hasNextPage;
      // A line the live tail brought in before its page arrived must not show twice (nor share a key).
      setLines((old) => {
        const seen = new Set(old.map((l) => l.id));
        const page = getFragmentData(
          LogStream_line,
          data.logs.edges.map((e) => e.node),
        ).filter((l) => !seen.has(l.id));
        return [...old, ...page].slice(0, MAX_LINES);
      });
      setError(null);
    } catch (err) {
      if (cursor.current === state) setError(err);
    } finally {
      state.busy = false;
      setLoading(false);
    }
  }, [client, variables]);

  useEffect(() => {
    cursor.current = { after: null, more: true, busy: false };
    setLines([]);
    held.current = [];
    setPending(0);
    void loadMore();
  }, [loadMore]);

  const resume = useCallback(() => {
    const waiting = held.current;
    held.current = [];
    setPending(0);
    if (waiting.length) setLines((old) => prepend(old, waiting));
  }, []);

  useEffect(() => {
    if (!paused) resume();
  }, [paused, resume]);

  useSubscription(LogStreamTailSubscription, {
    skip: !live,
    variables: { level: variables.level, service: variables.service },
    onData: ({ data }) => {
      const line = getFragmentData(LogStream_line, data.data?.logAdded);
      if (!line || !matches(line, filters)) return;
      if (paused) {
        held.current = [line, ...held.current].slice(0, MAX_LINES);
        setPending(held.current.length);
      } else setLines((old) => prepend(old, [line]));
    },
    onError: setError,
  });

  return { lines, pending, resume, error, loading, loadMore, hasMore: cursor.current.more };
}

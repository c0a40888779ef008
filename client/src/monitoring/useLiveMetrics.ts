import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { SnapshotFieldsFragment } from '../gql/graphql';
import { LatestMetricsDocument, MetricsTickDocument } from './monitoring.operations';

/** How many ticks the live charts keep (about 10 minutes at the default 5 s scrape). */
const HISTORY = 120;

export interface LiveMetrics {
  latest: SnapshotFieldsFragment | null;
  /** Oldest first, for live charts. */
  history: readonly SnapshotFieldsFragment[];
  loading: boolean;
  error: unknown;
  /** True once a tick arrived over the WebSocket. */
  live: boolean;
}

/** The latest scrape right away (query), then every new one as it happens (`metricsTick`). */
export function useLiveMetrics(): LiveMetrics {
  const initial = useQuery(LatestMetricsDocument);
  const tick = useSubscription(MetricsTickDocument);
  const [history, setHistory] = useState<SnapshotFieldsFragment[]>([]);

  const first = initial.data?.latestMetrics ?? null;
  useEffect(() => {
    if (first) setHistory((h) => (h.length ? h : [first]));
  }, [first]);

  const next = tick.data?.metricsTick ?? null;
  useEffect(() => {
    if (next) setHistory((h) => (h.at(-1)?.time === next.time ? h : [...h, next].slice(-HISTORY)));
  }, [next]);

  return {
    latest: history.at(-1) ?? null,
    history,
    loading: initial.loading && history.length === 0,
    error: initial.error ?? tick.error,
    live: next !== null,
  };
}

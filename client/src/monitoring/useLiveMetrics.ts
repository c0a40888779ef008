import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { type Freshness, useFreshness } from '../apollo/useFreshness';
import type { SnapshotFieldsFragment } from '../gql/graphql';
import { LatestMetricsDocument, MetricsTickDocument } from './monitoring.operations';

/** How many ticks the live charts keep (about 10 minutes at the default 5 s scrape). */
const HISTORY = 120;
/** Three missed scrapes (5 s apart by default) and the live figures count as stale. */
const TICK_MAX_AGE_MS = 15_000;

export interface LiveMetrics {
  latest: SnapshotFieldsFragment | null;
  /** Oldest first, for live charts. */
  history: readonly SnapshotFieldsFragment[];
  loading: boolean;
  error: unknown;
  /** True while ticks arrive over the WebSocket. */
  live: boolean;
  /** Stale when the socket is down or ticks stopped: the figures are the last ones received. */
  freshness: Freshness;
}

/** The latest scrape right away (query), then every new one as it happens (`metricsTick`). */
export function useLiveMetrics(): LiveMetrics {
  const initial = useQuery(LatestMetricsDocument);
  const tick = useSubscription(MetricsTickDocument);
  const initialFreshness = useFreshness(LatestMetricsDocument);
  const tickFreshness = useFreshness(MetricsTickDocument, { maxAgeMs: TICK_MAX_AGE_MS });
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
    live: next !== null && !tickFreshness.stale,
    // Before the first tick the query's answer is what shows, stale also while the socket is down.
    freshness:
      next === null
        ? {
            stale: initialFreshness.stale || tickFreshness.stale,
            updatedAt: initialFreshness.updatedAt,
            reason: initialFreshness.reason ?? tickFreshness.reason,
          }
        : tickFreshness,
  };
}

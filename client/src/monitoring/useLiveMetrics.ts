import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { type Freshness, useFreshness } from '../apollo/useFreshness';
import { getFragmentData, graphql } from '../gql';
import type { LiveMetrics_SnapshotFragment } from '../gql/graphql';

/**
 * One scrape of every service and queue. The hook is its reader (it keeps a history for the charts),
 * so it unmasks it once and hands plain snapshots to the panels.
 */
export const LiveMetrics_snapshot = graphql(`
  fragment LiveMetrics_snapshot on MetricsSnapshot {
    time
    workers
    services {
      service
      up
      requestRate
      errorRate
      latencyP50
      latencyP95
      latencyP99
      cpu
      memoryBytes
      eventLoopLag
      subscriptions
    }
    queues {
      agent
      waiting
      active
      delayed
      failed
    }
  }
`);

export const LiveMetricsQuery = graphql(`
  query LiveMetrics {
    latestMetrics {
      ...LiveMetrics_snapshot
    }
  }
`);

export const LiveMetricsTickSubscription = graphql(`
  subscription LiveMetricsTick {
    metricsTick {
      ...LiveMetrics_snapshot
    }
  }
`);

export type Snapshot = LiveMetrics_SnapshotFragment;

/** How many ticks the live charts keep (about 10 minutes at the default 5 s scrape). */
const HISTORY = 120;
/** Three missed scrapes (5 s apart by default) and the live figures count as stale. */
const TICK_MAX_AGE_MS = 15_000;

export interface LiveMetrics {
  latest: Snapshot | null;
  /** Oldest first, for live charts. */
  history: readonly Snapshot[];
  loading: boolean;
  error: unknown;
  /** True while ticks arrive over the WebSocket. */
  live: boolean;
  /** Stale when the socket is down or ticks stopped: the figures are the last ones received. */
  freshness: Freshness;
}

/** The latest scrape right away (query), then every new one as it happens (`metricsTick`). */
export function useLiveMetrics(): LiveMetrics {
  const initial = useQuery(LiveMetricsQuery);
  const tick = useSubscription(LiveMetricsTickSubscription);
  const initialFreshness = useFreshness(LiveMetricsQuery);
  const tickFreshness = useFreshness(LiveMetricsTickSubscription, { maxAgeMs: TICK_MAX_AGE_MS });
  const [history, setHistory] = useState<Snapshot[]>([]);

  const first = getFragmentData(LiveMetrics_snapshot, initial.data?.latestMetrics) ?? null;
  useEffect(() => {
    if (first) setHistory((h) => (h.length ? h : [first]));
  }, [first]);

  const next = getFragmentData(LiveMetrics_snapshot, tick.data?.metricsTick) ?? null;
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

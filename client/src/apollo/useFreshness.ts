import type { DocumentNode } from 'graphql';
import { getOperationAST } from 'graphql';
import { useSyncExternalStore } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useNow } from '../lib/useNow';
import type { ConnectionSnapshot } from './connection';

export interface Freshness {
  /** The data on screen may no longer be true: grey it, and say "unreachable" instead of "up". */
  stale: boolean;
  /** When it last arrived (ms since epoch); null before the first answer. */
  updatedAt: number | null;
  /** Why it is stale, in words. */
  reason: string | null;
}

/** Whether the gateway and the live socket are reachable, re-rendering when that changes. */
export function useConnection(): ConnectionSnapshot {
  const { connection } = useAuth().api;
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/**
 * How fresh one operation's data is: stale while the gateway (or, for a subscription, the socket) is
 * unreachable, after its latest attempt failed, or, with `maxAgeMs`, when nothing came for that long.
 */
export function useFreshness(document: DocumentNode, { maxAgeMs }: { maxAgeMs?: number } = {}): Freshness {
  const { connection } = useAuth().api;
  const operation = getOperationAST(document);
  const name = operation?.name?.value ?? 'anonymous';
  const record = useSyncExternalStore(connection.subscribe, () => connection.operation(name));
  const { http, live } = useConnection();
  const now = useNow(maxAgeMs ? 1_000 : null);
  const updatedAt = record?.okAt ?? null;
  const outage = operation?.operation === 'subscription' ? live : http;
  const failed = record?.failedAt != null && (updatedAt === null || record.failedAt > updatedAt);
  const tooOld = maxAgeMs !== undefined && updatedAt !== null && now - updatedAt > maxAgeMs;
  const reason = outage?.reason ?? (failed ? record.failure : tooOld ? 'No update for a while' : null);
  return { stale: reason !== null, updatedAt, reason };
}

/**
 * What the dashboard knows about reaching the platform, outside React (like AuthSession): whether the
 * gateway answers over HTTP, whether the live socket is up, and per operation name when it last
 * brought data and whether its latest attempt failed. Pages read it through `useFreshness`, so a
 * stopped backend shows as "unreachable" everywhere at once instead of stale data looking current.
 */

export interface OperationRecord {
  /** When it last brought data (ms since epoch). */
  okAt: number | null;
  /** When its latest attempt failed or went unanswered too long; stale while later than `okAt`. */
  failedAt: number | null;
  /** Why, in words: "The observability service is unavailable". */
  failure: string | null;
}

export interface Outage {
  /** Since when (ms since epoch). */
  since: number;
  reason: string;
}

export interface ConnectionSnapshot {
  /** HTTP to the gateway fails at the network level (refused, reset, a proxy's 502/503/504). */
  http: Outage | null;
  /** The live-updates socket dropped and has not come back. */
  live: Outage | null;
  /** The socket is connected now (false while idle: no subscription needs it). */
  liveConnected: boolean;
}

/** A query with no answer after this long counts as failed (a hung gateway or service). */
export const SLOW_QUERY_MS = 10_000;

/** Answers and events refresh `okAt` at most this often: thousands of task events must stay cheap. */
const EVENT_RESOLUTION_MS = 1_000;

export class ConnectionMonitor {
  private snapshot: ConnectionSnapshot = { http: null, live: null, liveConnected: false };
  private readonly operations = new Map<string, OperationRecord>();
  private readonly listeners = new Set<() => void>();
  private readonly recoveredListeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  operation = (name: string): OperationRecord | undefined => this.operations.get(name);

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called when an outage ends (HTTP or live), e.g. to refetch what went stale meanwhile. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  /** The gateway answered over HTTP (whatever the answer said). */
  httpReached(): void {
    if (this.snapshot.http) this.update({ http: null }, true);
  }

  httpUnreachable(reason: string): void {
    if (!this.snapshot.http) this.update({ http: { since: this.now(), reason } });
  }

  liveConnected(): void {
    const recovered = this.snapshot.live !== null;
    if (recovered || !this.snapshot.liveConnected)
      this.update({ live: null, liveConnected: true }, recovered);
  }

  /** The socket closed: `lost` when the server went away, not when we closed it on purpose. */
  liveClosed(lost: boolean, reason = 'Live updates are cut off'): void {
    const live = lost ? (this.snapshot.live ?? { since: this.now(), reason }) : this.snapshot.live;
    if (live !== this.snapshot.live || this.snapshot.liveConnected)
      this.update({ live, liveConnected: false });
  }

  succeeded(name: string): void {
    const now = this.now();
    const record = this.operations.get(name);
    if (record?.failedAt === null && record.okAt !== null && now - record.okAt < EVENT_RESOLUTION_MS) return;
    this.setOperation(name, { okAt: now, failedAt: null, failure: null });
  }

  failed(name: string, failure: string): void {
    this.setOperation(name, { okAt: this.operations.get(name)?.okAt ?? null, failedAt: this.now(), failure });
  }

  private setOperation(name: string, record: OperationRecord): void {
    this.operations.set(name, record);
    this.emit();
  }

  private update(patch: Partial<ConnectionSnapshot>, recovered = false): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.emit();
    if (recovered && !this.snapshot.http && !this.snapshot.live)
      for (const listener of this.recoveredListeners) listener();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

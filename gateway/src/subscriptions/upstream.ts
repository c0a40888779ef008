import { gatewaySignatureHeaders } from '@trae/kit';
import { type Client, createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  /** The connection carrying this subscription was accepted (connection_ack). */
  connected?(): void;
  /** The upstream ended on its own: an error, a close (with its code), or completion. */
  end(reason: { error?: unknown; closeCode?: number }): void;
}

interface PooledClient {
  client: Client;
  active: number;
  connected: boolean;
  lastCloseCode?: number;
}

/** A subgraph that accepts no TCP or WebSocket handshake within this counts as down. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * graphql-ws connections from the gateway to the subgraphs. Auth travels in `connection_init`, so a
 * connection belongs to one credential: subscriptions of the same subgraph and token share it,
 * multiplexed, and it closes shortly after its last subscription ends. Each upgrade is signed as the
 * gateway's (subgraphs refuse other sockets); the signature is made per connect, so it is always fresh.
 */
export class UpstreamPool {
  private readonly clients = new Map<string, PooledClient>();

  constructor(private readonly options: { internalSecret: string; idleCloseMs?: number }) {}

  get size(): number {
    return this.clients.size;
  }

  subscribe(
    wsUrl: string,
    authorization: string | undefined,
    requestId: string,
    payload: { query: string; variables: Record<string, unknown>; operationName?: string },
    sink: UpstreamSink,
  ): () => void {
    const key = `${wsUrl}\n${authorization ?? ''}`;
    const pooled = this.clients.get(key) ?? this.open(key, wsUrl, authorization, requestId);
    pooled.active++;
    let finished = false;
    let stopWaiting: (() => void) | undefined;
    const finish = () => {
      if (finished) return;
      finished = true;
      pooled.active--;
      stopWaiting?.();
    };
    if (pooled.connected) sink.connected?.();
    else
      stopWaiting = pooled.client.on('connected', () => {
        stopWaiting?.();
        stopWaiting = undefined;
        sink.connected?.();
      });
    const unsubscribe = pooled.client.subscribe(payload, {
      next: (value) => sink.next(value as ExecutionResult),
      error: (error) => {
        finish();
        const closeCode = (error as { code?: unknown } | undefined)?.code;
        sink.end({ error, closeCode: typeof closeCode === 'number' ? closeCode : pooled.lastCloseCode });
      },
      complete: () => {
        finish();
        sink.end({});
      },
    });
    return () => {
      finish();
      unsubscribe();
    };
  }

  private open(key: string, url: string, authorization: string | undefined, requestId: string): PooledClient {
    const pooled: PooledClient = { active: 0, connected: false, client: undefined as unknown as Client };
    const { internalSecret } = this.options;
    pooled.client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, {
            headers: gatewaySignatureHeaders(internalSecret, requestId),
            handshakeTimeout: CONNECT_TIMEOUT_MS,
          });
        }
      },
      connectionParams: authorization ? { authorization } : {},
      lazy: true,
      lazyCloseTimeout: this.options.idleCloseMs ?? 1_000,
      connectionAckWaitTimeout: CONNECT_TIMEOUT_MS,
      // A lost upstream ends its subscriptions; the hub decides whether and when to reopen them.
      retryAttempts: 0,
      on: {
        connected: () => {
          pooled.connected = true;
        },
        closed: (event) => {
          pooled.connected = false;
          pooled.lastCloseCode = (event as { code?: number }).code;
          // Its subscriptions end with this close; reopened ones get a fresh connection.
          if (this.clients.get(key) === pooled) this.clients.delete(key);
        },
      },
    });
    this.clients.set(key, pooled);
    return pooled;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.client.dispose()));
    this.clients.clear();
  }
}

import { gatewaySignatureHeaders } from '@trae/kit';
import { type Client, createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  /** The upstream ended on its own: an error, a close (with its code), or completion. */
  end(reason: { error?: unknown; closeCode?: number }): void;
}

interface PooledClient {
  client: Client;
  active: number;
  lastCloseCode?: number;
}

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
    const finish = () => {
      if (finished) return;
      finished = true;
      pooled.active--;
    };
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
    const pooled: PooledClient = { active: 0, client: undefined as unknown as Client };
    const { internalSecret } = this.options;
    pooled.client = createClient({
      url,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: gatewaySignatureHeaders(internalSecret, requestId) });
        }
      },
      connectionParams: authorization ? { authorization } : {},
      lazy: true,
      lazyCloseTimeout: this.options.idleCloseMs ?? 1_000,
      // A lost upstream ends its subscriptions; the hub decides whether to reopen.
      retryAttempts: 0,
      on: {
        closed: (event) => {
          pooled.lastCloseCode = (event as { code?: number }).code;
          if (pooled.active <= 0 && this.clients.get(key) === pooled) this.clients.delete(key);
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

import { type Client, createClient } from 'graphql-ws';

/** Our own close code for "reconnect now with fresh credentials"; graphql-ws retries it like any drop. */
const RESTART_CODE = 4205;

/**
 * `idle`: closed because no subscription needs it (lazy); `reconnecting`: closed on purpose (a
 * restart, a refused token), coming back; `lost`: the server went away or stopped answering pings.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'lost';

/** A ping every 5 s, and no pong within 3 s ends the socket: a frozen gateway shows within 8 s. */
const PING_EVERY_MS = 5_000;
const PONG_WITHIN_MS = 3_000;
/** Reconnect attempts back off up to this, so a platform that is back is seen soon. */
const MAX_RETRY_WAIT_MS = 10_000;

/** Close codes of sockets the server reached and closed on purpose (auth refusals are 44xx). */
function closedOnPurpose(code: number | undefined): boolean {
  return code === RESTART_CODE || (code !== undefined && code >= 4400 && code < 4499);
}

export interface RestartableClient extends Client {
  /** Closes the socket so it reconnects (new connection_init) and resubscribes every live subscription. */
  restart(): void;
  onState(listener: (state: ConnectionState) => void): () => void;
}

export interface WsOptions {
  url: string;
  /** Read at every (re)connect, so a refreshed token is sent the next time. */
  token: () => string | null | Promise<string | null>;
}

/**
 * graphql-ws with a `restart` (the library's documented recipe): the gateway reads the JWT only
 * from connection_init, so after a token refresh the socket must reconnect to carry the new one.
 * Drops retry forever with capped backoff; a restart reconnects at once.
 */
export function createRestartableClient({ url, token }: WsOptions): RestartableClient {
  // No socket: nothing to do, the next connection_init reads the new token anyway. Connecting: the
  // token may have been read already, so restart once connected. Connected: close, and it reconnects.
  let restartRequested = false;
  let restartNow = () => {};
  let skipNextWait = false;
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const emit = (state: ConnectionState) => {
    for (const listener of stateListeners) listener(state);
  };

  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client: Client = createClient({
    url,
    lazy: true,
    keepAlive: PING_EVERY_MS,
    connectionAckWaitTimeout: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // A refused token (4403) is retried too: the session refreshes it meanwhile.
    shouldRetry: () => true,
    retryWait: async (retries) => {
      if (skipNextWait) {
        skipNextWait = false;
        return;
      }
      const ms = Math.min(MAX_RETRY_WAIT_MS, 500 * 2 ** retries) + Math.random() * 500;
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    connectionParams: async () => {
      const current = await token();
      return current ? { authorization: `Bearer ${current}` } : {};
    },
    on: {
      connecting: () => {
        restartNow = () => {
          restartRequested = true;
        };
        emit('connecting');
      },
      connected: (socket) => {
        emit('connected');
        const ws = socket as WebSocket;
        restartNow = () => {
          if (ws.readyState !== WebSocket.OPEN) return;
          skipNextWait = true;
          ws.close(RESTART_CODE, 'Client restart');
        };
        if (restartRequested) {
          restartRequested = false;
          restartNow();
        }
      },
      // graphql-ws's recipe for a pong timeout: `terminate` closes at once, without a close handshake
      // a frozen server would never finish, and the client reconnects as after any drop.
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        restartNow = () => {};
        restartRequested = false;
        const code = (event as CloseEvent | undefined)?.code;
        emit(code === 1000 ? 'idle' : closedOnPurpose(code) ? 'reconnecting' : 'lost');
      },
    },
  });

  return Object.assign(client, {
    restart: () => restartNow(),
    onState(listener: (state: ConnectionState) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  });
}

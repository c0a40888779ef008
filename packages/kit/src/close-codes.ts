/** One WebSocket close code a client of `/graphql` can meet, for `docs/errors.md`. */
export interface CloseCodeDefinition {
  code: number;
  /** Who sends it: graphql-ws itself, or our servers beside it. */
  sentBy: 'graphql-ws' | 'gateway' | 'gateway and subgraphs';
  when: string;
  /** What a client should do. */
  retry: string;
}

/**
 * Every close code the platform's sockets end with. The named constants the servers close with
 * (the kit's `CloseCode`, the gateway's `GatewayClose`) are tested to appear here, so the generated
 * docs cannot miss one.
 */
export const CLOSE_CODES: readonly CloseCodeDefinition[] = Object.freeze([
  {
    code: 1001,
    sentBy: 'gateway and subgraphs',
    when: 'The server is shutting down.',
    retry: 'Reconnect (to another instance) and resubscribe.',
  },
  {
    code: 1013,
    sentBy: 'gateway',
    when: 'The instance is at `WS_MAX_CONNECTIONS`.',
    retry: 'Retry later, or on another instance.',
  },
  {
    code: 4290,
    sentBy: 'gateway',
    when: 'The client read too slowly: its queue passed `SUBSCRIPTION_QUEUE_MAX` results.',
    retry: 'Reconnect and resubscribe; events in between are not replayed.',
  },
  {
    code: 4291,
    sentBy: 'gateway',
    when: 'This client address failed authentication `AUTH_FAILURE_LIMIT` times (HTTP and WebSocket together) within `AUTH_FAILURE_WINDOW_SECONDS`.',
    retry: 'Wait the seconds the reason names, then connect with a valid credential.',
  },
  {
    code: 4400,
    sentBy: 'graphql-ws',
    when: 'A message broke the protocol.',
    retry: 'No: fix the client.',
  },
  {
    code: 4401,
    sentBy: 'gateway and subgraphs',
    when: 'The token expired during the connection, or identity revoked it (reason `Token revoked`: logout of that session, account disabled, role changed, API key revoked).',
    retry: 'Refresh, reconnect, resubscribe; if the refresh is refused, sign in again.',
  },
  {
    code: 4403,
    sentBy: 'gateway and subgraphs',
    when: 'The token in `connection_init` is invalid.',
    retry: 'Get a new token, reconnect.',
  },
  {
    code: 4408,
    sentBy: 'graphql-ws',
    when: 'No `connection_init` arrived in time.',
    retry: 'Reconnect and send `connection_init` first.',
  },
  {
    code: 4409,
    sentBy: 'graphql-ws',
    when: 'A subscribe reused the id of an operation still running on the socket.',
    retry: 'No: give each operation its own id.',
  },
  {
    code: 4429,
    sentBy: 'graphql-ws',
    when: 'More than one `connection_init` on a socket.',
    retry: 'No: send it once per socket.',
  },
  {
    code: 4503,
    sentBy: 'gateway',
    when: 'The supergraph changed.',
    retry: 'Reconnect and resubscribe against the new schema.',
  },
]);

export const isDocumentedCloseCode = (code: number) => CLOSE_CODES.some((c) => c.code === code);

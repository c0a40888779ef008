import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import type { AuthSession } from '../auth/session';
import { isUnauthenticated } from '../lib/errors';
import { ConnectionMonitor } from './connection';
import { connectionLink } from './connection-link';
import { persistedDocumentsLink } from './persisted';
import { resubscribeLink } from './resubscribe-link';
import { createRestartableClient, type RestartableClient } from './ws';

export interface Api {
  client: ApolloClient;
  ws: RestartableClient;
  /** Whether the platform answers, and how fresh each operation's data is (`useFreshness`). */
  connection: ConnectionMonitor;
}

function wsUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Connections are lists we page through by cursor; merging pages is left to each `fetchMore`. */
export function createCache() {
  return new InMemoryCache({
    typePolicies: {
      ChannelSettings: { merge: true },
      MetricsSnapshot: { keyFields: false },
      ServiceMetrics: { keyFields: false },
      QueueDepth: { keyFields: false },
      SystemHealth: { keyFields: false, merge: true },
      ComponentHealth: { keyFields: ['name'] },
    },
  });
}

/**
 * One Apollo client for the app: queries and mutations over HTTP (by trusted-document id), subscriptions over graphql-ws,
 * both with the session's token. A new token reconnects the socket (its auth is read only at
 * connection_init), and an UNAUTHENTICATED answer ends the session so the app shows the login page.
 * Every operation and socket event feeds the connection monitor; when an outage ends, every active
 * query is fetched again at once rather than at its next poll.
 */
export function createApi(session: AuthSession, endpoint = '/graphql'): Api {
  const ws = createRestartableClient({ url: wsUrl(endpoint), token: () => session.accessToken() });
  session.onTokenChange(() => ws.restart());
  const connection = new ConnectionMonitor();
  ws.onState((state) => {
    if (state === 'connected') connection.liveConnected();
    else if (state !== 'connecting') connection.liveClosed(state === 'lost');
  });

  const auth = new SetContextLink(async (prev) => {
    const token = await session.accessToken();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const signOutOnUnauthenticated = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error) && session.getState().status === 'signedIn') session.clear();
  });
  const http = new HttpLink({ uri: endpoint });
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    ApolloLink.from([auth, signOutOnUnauthenticated, persistedDocumentsLink(), http]),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([resubscribeLink(), connectionLink(connection), transport]),
    cache: createCache(),
    // The gateway streams `@defer` in this format (docs/edge.md); without it the client would refuse the operations.
    incrementalHandler: new Defer20220824Handler(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  connection.onRecovered(() => void client.refetchObservableQueries().catch(() => undefined));
  return { client, ws, connection };
}

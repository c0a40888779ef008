import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import type { AuthSession } from '../auth/session';
import { isUnauthenticated } from '../lib/errors';
import { persistedDocumentsLink } from './persisted';
import { createRestartableClient, type RestartableClient } from './ws';

export interface Api {
  client: ApolloClient;
  ws: RestartableClient;
}

function wsUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Connections are lists we page through by cursor; merging pages is left to each `fetchMore`. */
function createCache() {
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
 * One Apollo client for the app: queries and mutations over HTTP (by trusted-document id), subscriptions
 * over graphql-ws, both with the session's token. A new token reconnects the socket (its auth is read
 * only at connection_init), and an UNAUTHENTICATED answer ends the session so the app shows the login page.
 */
export function createApi(session: AuthSession, endpoint = '/graphql'): Api {
  const ws = createRestartableClient({ url: wsUrl(endpoint), token: () => session.accessToken() });
  session.onTokenChange(() => ws.restart());

  const auth = new SetContextLink(async (prev) => {
    const token = await session.accessToken();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const signOutOnUnauthenticated = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error) && session.getState().status === 'signedIn') session.clear();
  });
  const http = new HttpLink({ uri: endpoint });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    ApolloLink.from([auth, signOutOnUnauthenticated, persistedDocumentsLink(), http]),
  );

  const client = new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { client, ws };
}

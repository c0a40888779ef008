import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useRef } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { useTheme } from '../../theme/ThemeProvider';
import { editorsInsideTheirScroller, watchGraphiQL } from './graphiql-a11y';
import 'graphiql/style.css';

editorsInsideTheirScroller();

const DEFAULT_QUERY = `# Queries and mutations run with your session; subscriptions too (try the one below).
query Me {
  me {
    id
    username
    role
  }
}

subscription Metrics {
  metricsTick {
    time
    services { service up requestRate }
  }
}
`;

/**
 * GraphiQL bundled into this chunk (no CDN). Requests carry the signed-in user's token, refreshed as
 * needed; subscriptions share the app's graphql-ws connection, which already authenticates.
 */
export default function PlaygroundPage() {
  const { session, api } = useAuth();
  const { theme } = useTheme();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current) return watchGraphiQL(host.current);
  }, []);
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: '/graphql',
        wsClient: api.ws,
        enableIncrementalDelivery: false,
        fetch: async (input, init) => {
          const token = await session.accessToken();
          const headers = new Headers(init?.headers);
          if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
          return fetch(input, { ...init, headers });
        },
      }),
    [session, api],
  );
  return (
    <section className="page page-fill" aria-labelledby="playground-title">
      <h1 id="playground-title">Playground</h1>
      <div className="graphiql-host" ref={host}>
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} forcedTheme={theme}>
          {/* Our own logo: GraphiQL's links to the internet, which this platform may not reach. */}
          <GraphiQL.Logo>TRAE.AI API</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </section>
  );
}

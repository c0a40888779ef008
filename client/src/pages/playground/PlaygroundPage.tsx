import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useRef } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { useTheme } from '../../theme/ThemeProvider';
import 'graphiql/style.css';

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

/** CodeMirror's input textareas come without a label; name each after the editor it belongs to. */
function labelEditors(host: HTMLElement) {
  for (const textarea of host.querySelectorAll('textarea:not([aria-label])')) {
    const label = textarea.closest('.graphiql-query-editor')
      ? 'Query editor'
      : textarea.closest('.graphiql-editor-tool')
        ? 'Variables or headers editor'
        : textarea.closest('.graphiql-response')
          ? 'Response'
          : 'GraphQL editor';
    textarea.setAttribute('aria-label', label);
  }
}

/**
 * GraphiQL bundled into this chunk (no CDN). Requests carry the signed-in user's token, refreshed as
 * needed; subscriptions share the app's graphql-ws connection, which already authenticates.
 */
export default function PlaygroundPage() {
  const { session, api } = useAuth();
  const { theme } = useTheme();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    labelEditors(element);
    const observer = new MutationObserver(() => labelEditors(element));
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
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

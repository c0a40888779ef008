import { createClient } from 'graphql-ws';

export interface TestSubscription {
  results: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }[];
  completed: boolean;
  closeCodes: number[];
  stop(): void;
  dispose(): Promise<void>;
}

/**
 * One graphql-ws client with one subscription, recording what arrives and how the socket closed. It uses
 * Node's own WebSocket (global since Node 22), as a browser would.
 */
export function subscribe(
  gatewayUrl: string,
  query: string,
  token?: string,
  variables: Record<string, unknown> = {},
): TestSubscription {
  const sub: TestSubscription = {
    results: [],
    completed: false,
    closeCodes: [],
    stop: () => undefined,
    dispose: async () => undefined,
  };
  const client = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => sub.closeCodes.push((event as { code: number }).code) },
  });
  sub.stop = client.subscribe(
    { query, variables },
    {
      next: (value) => sub.results.push(value as TestSubscription['results'][number]),
      error: (error) =>
        sub.results.push({
          errors: Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error) }],
        }),
      complete: () => {
        sub.completed = true;
      },
    },
  );
  sub.dispose = () => client.dispose() as Promise<void>;
  return sub;
}

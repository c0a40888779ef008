import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionMonitor } from '../src/apollo/connection';
import { connectionLink } from '../src/apollo/connection-link';
import { resubscribeLink } from '../src/apollo/resubscribe-link';

const HEALTH = gql`
  query SystemHealth {
    systemHealth {
      status
    }
  }
`;

/** The far end of the link chain, answering each request with the next scripted outcome. */
function scripted(outcomes: (() => Observable<ApolloLink.Result>)[]) {
  return new ApolloLink(() => {
    const next = outcomes.shift();
    if (!next) throw new Error('no outcome scripted');
    return next();
  });
}

const answer = (result: ApolloLink.Result) => () =>
  new Observable<ApolloLink.Result>((o) => {
    o.next(result);
    o.complete();
  });
const fail = (error: unknown) => () => new Observable<ApolloLink.Result>((o) => o.error(error));
const hang = () => new Observable<ApolloLink.Result>(() => {});

function clientWith(monitor: ConnectionMonitor, outcomes: (() => Observable<ApolloLink.Result>)[]) {
  return new ApolloClient({
    link: ApolloLink.from([connectionLink(monitor, 1_000), scripted(outcomes)]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
}

const ok = { data: { systemHealth: { __typename: 'SystemHealth', status: 'HEALTHY' } } };

afterEach(() => {
  vi.useRealTimers();
});

describe('connection monitor fed by the link', () => {
  it('marks the gateway unreachable on a network failure and recovers on the next answer', async () => {
    let now = 1_000;
    const monitor = new ConnectionMonitor(() => now);
    const recovered = vi.fn();
    monitor.onRecovered(recovered);
    const client = clientWith(monitor, [answer(ok), fail(new TypeError('Failed to fetch')), answer(ok)]);

    await client.query({ query: HEALTH });
    expect(monitor.operation('SystemHealth')).toEqual({ okAt: 1_000, failedAt: null, failure: null });

    now = 5_000;
    await expect(client.query({ query: HEALTH })).rejects.toThrow();
    expect(monitor.getSnapshot().http).toEqual({ since: 5_000, reason: 'Cannot reach the server' });
    expect(monitor.operation('SystemHealth')).toMatchObject({ okAt: 1_000, failedAt: 5_000 });

    now = 9_000;
    await client.query({ query: HEALTH });
    expect(monitor.getSnapshot().http).toBeNull();
    expect(monitor.operation('SystemHealth')).toEqual({ okAt: 9_000, failedAt: null, failure: null });
    expect(recovered).toHaveBeenCalledTimes(1);
  });

  it('tells a down service (the gateway answered) from a dead gateway (a proxy’s bare 502)', async () => {
    const monitor = new ConnectionMonitor(() => 1);
    const body = JSON.stringify({
      errors: [
        {
          message: 'The observability service is unavailable; retry shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'observability' },
        },
      ],
    });
    const down = new ServerError('503', { response: new Response(body, { status: 503 }), bodyText: body });
    const proxy = new ServerError('502', {
      response: new Response('<html>Bad gateway</html>', { status: 502 }),
      bodyText: '<html>Bad gateway</html>',
    });
    const client = clientWith(monitor, [fail(down), fail(proxy)]);

    await expect(client.query({ query: HEALTH })).rejects.toThrow();
    expect(monitor.getSnapshot().http).toBeNull();
    expect(monitor.operation('SystemHealth')?.failure).toBe('The observability service is unavailable');

    await expect(client.query({ query: HEALTH })).rejects.toThrow();
    expect(monitor.getSnapshot().http?.reason).toBe('The server answered 502');
  });

  it('counts a query unanswered for too long as failed, without giving up on it', async () => {
    vi.useFakeTimers();
    const monitor = new ConnectionMonitor();
    const client = clientWith(monitor, [hang]);
    const pending = client.query({ query: HEALTH });
    await vi.advanceTimersByTimeAsync(1_001);
    expect(monitor.operation('SystemHealth')?.failure).toBe('No answer for 1 s');
    void pending.catch(() => undefined);
    client.stop();
  });
});

describe('ConnectionMonitor live socket', () => {
  it('is lost only when the server went away, and recovers when it connects again', () => {
    let now = 0;
    const monitor = new ConnectionMonitor(() => now);
    const recovered = vi.fn();
    monitor.onRecovered(recovered);
    monitor.liveConnected();
    monitor.liveClosed(false);
    expect(monitor.getSnapshot()).toEqual({ http: null, live: null, liveConnected: false });

    now = 7;
    monitor.liveClosed(true);
    monitor.liveClosed(true);
    expect(monitor.getSnapshot().live).toEqual({ since: 7, reason: 'Live updates are cut off' });
    monitor.liveConnected();
    expect(monitor.getSnapshot()).toEqual({ http: null, live: null, liveConnected: true });
    expect(recovered).toHaveBeenCalledTimes(1);
  });
});

describe('resubscribeLink', () => {
  it('opens a subscription again after the gateway ended it for a service that stayed away', async () => {
    vi.useFakeTimers();
    const monitor = new ConnectionMonitor();
    const ended = {
      errors: [
        {
          message: 'The observability service is unavailable; retry shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'observability' },
        },
      ],
    };
    const tick = { data: { metricsTick: { __typename: 'MetricsSnapshot', time: 't2' } } };
    const attempts = vi.fn();
    const far = new ApolloLink(() => {
      attempts();
      return attempts.mock.calls.length === 1 ? answer(ended)() : answer(tick)();
    });
    const client = new ApolloClient({
      link: ApolloLink.from([resubscribeLink(1_000), connectionLink(monitor), far]),
      cache: new InMemoryCache(),
    });
    const seen: unknown[] = [];
    const sub = client
      .subscribe({ query: gql`subscription MetricsTick { metricsTick { time } }` })
      .subscribe({ next: (r) => seen.push(r.data ?? r.error) });

    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.operation('MetricsTick')?.failure).toBe('The observability service is unavailable');
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_250);
    expect(attempts).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([{ metricsTick: { __typename: 'MetricsSnapshot', time: 't2' } }]);
    expect(monitor.operation('MetricsTick')?.failedAt).toBeNull();
    sub.unsubscribe();
  });
});

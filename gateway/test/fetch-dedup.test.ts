import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InflightFetches } from '../src/federation/inflight-fetches.js';
import { SubgraphDataSource } from '../src/federation/subgraph-data-source.js';

const SECRET = 'dedup-test-secret-0123456789abcdef';
const QUERY = 'query Reviews($id: ID!) { reviews(productId: $id) { id body } }';

interface Held {
  req: IncomingMessage;
  body: string;
  res: ServerResponse;
}

/** A subgraph that holds every request until the test answers it, so fetches are truly concurrent. */
class HoldingSubgraph {
  readonly held: Held[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  url = '';

  async start() {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.held.push({ req, body: Buffer.concat(chunks).toString('utf8'), res });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }

  /** Resolves once `count` requests have arrived. */
  async arrived(count: number) {
    while (this.held.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  answer(held: Held, body: unknown) {
    held.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function dataSource(url: string, registry: Registry) {
  const fetchDuration = new Histogram({
    name: 'fetch_seconds',
    help: 'h',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const shared = new Counter({
    name: 'shared_total',
    help: 'h',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  return { source: new SubgraphDataSource('reviews', url, fetchDuration, SECRET, { shared }), shared };
}

/** What @apollo/gateway hands a data source for one fetch of an incoming operation. */
const fetchOf = (authorization: string | undefined, requestId: string, variables = { id: 'p1' }) =>
  ({
    kind: 'incoming operation',
    request: { query: QUERY, variables, operationName: 'Reviews' },
    context: { authorization, requestId, principal: { id: 'u', role: 'USER' } },
    incomingRequestContext: {},
  }) as never;

describe('identical in-flight subgraph fetches share one call', () => {
  let subgraph: HoldingSubgraph;
  let registry: Registry;

  beforeEach(async () => {
    subgraph = new HoldingSubgraph();
    registry = new Registry();
    await subgraph.start();
  });
  afterEach(async () => {
    await subgraph.stop();
  });

  it('sends two identical concurrent fetches upstream once, and both get the answer', async () => {
    const { source, shared } = dataSource(subgraph.url, registry);

    const first = source.process(fetchOf('Bearer a', 'req-1'));
    const second = source.process(fetchOf('Bearer a', 'req-2'));
    await subgraph.arrived(1);
    // Give the second fetch every chance to make a call of its own before the first is answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    subgraph.answer(subgraph.held[0], { data: { reviews: [{ id: 'r1', body: 'good' }] } });
    const answers = await Promise.all([first, second]);

    expect(subgraph.held).toHaveLength(1);
    expect(subgraph.held[0].req.headers['x-request-id']).toBe('req-1');
    expect(JSON.parse(subgraph.held[0].body)).toEqual({
      query: QUERY,
      variables: { id: 'p1' },
      operationName: 'Reviews',
    });
    for (const answer of answers) expect(answer.data).toEqual({ reviews: [{ id: 'r1', body: 'good' }] });
    // Each caller gets its own objects: the gateway merges into them.
    expect(answers[0].data).not.toBe(answers[1].data);
    expect((await shared.get()).values[0]?.value).toBe(1);
  });

  it('never shares between callers with different authorization', async () => {
    const { source } = dataSource(subgraph.url, registry);

    const alice = source.process(fetchOf('Bearer alice', 'req-a'));
    const bob = source.process(fetchOf('Bearer bob', 'req-b'));
    const guest = source.process(fetchOf(undefined, 'req-g'));
    await subgraph.arrived(3);
    for (const held of subgraph.held)
      subgraph.answer(held, {
        data: { reviews: [{ id: held.req.headers.authorization ?? 'guest', body: '' }] },
      });
    const [a, b, g] = await Promise.all([alice, bob, guest]);

    expect(subgraph.held.map((h) => h.req.headers.authorization).sort()).toEqual([
      'Bearer alice',
      'Bearer bob',
      undefined,
    ]);
    expect(a.data).toEqual({ reviews: [{ id: 'Bearer alice', body: '' }] });
    expect(b.data).toEqual({ reviews: [{ id: 'Bearer bob', body: '' }] });
    expect(g.data).toEqual({ reviews: [{ id: 'guest', body: '' }] });
  });

  it('sends different variables separately', async () => {
    const { source } = dataSource(subgraph.url, registry);

    const one = source.process(fetchOf('Bearer a', 'req-1', { id: 'p1' }));
    const two = source.process(fetchOf('Bearer a', 'req-2', { id: 'p2' }));
    await subgraph.arrived(2);
    for (const held of subgraph.held) subgraph.answer(held, { data: { reviews: [] } });
    await Promise.all([one, two]);

    expect(subgraph.held).toHaveLength(2);
  });

  it('delivers a failure to every caller that shared the fetch', async () => {
    const { source } = dataSource(subgraph.url, registry);

    const first = source.process(fetchOf('Bearer a', 'req-1'));
    const second = source.process(fetchOf('Bearer a', 'req-2'));
    await subgraph.arrived(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The socket dies before an answer; the one retry is shared too, and dies the same way.
    subgraph.held[0].req.socket.destroy();
    await subgraph.arrived(2);
    subgraph.held[1].req.socket.destroy();
    const outcomes = await Promise.allSettled([first, second]);

    expect(subgraph.held).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'reviews' },
      });
    }
  });

  it('sends every fetch on its own when dedup is off', async () => {
    const fetchDuration = new Histogram({
      name: 'f',
      help: 'h',
      labelNames: ['subgraph'],
      registers: [registry],
    });
    const source = new SubgraphDataSource('reviews', subgraph.url, fetchDuration, SECRET, { dedup: false });

    const both = [source.process(fetchOf('Bearer a', 'req-1')), source.process(fetchOf('Bearer a', 'req-2'))];
    await subgraph.arrived(2);
    for (const held of subgraph.held) subgraph.answer(held, { data: { reviews: [] } });
    await Promise.all(both);

    expect(subgraph.held.map((h) => h.req.headers['x-request-id']).sort()).toEqual(['req-1', 'req-2']);
  });
});

describe('InflightFetches', () => {
  it('forgets a key once its call settles, so a later call starts afresh', async () => {
    const inflight = new InflightFetches<number>();
    let calls = 0;
    const start = async () => ++calls;

    const [a, b] = await Promise.all([inflight.share('k', start), inflight.share('k', start)]);
    const c = await inflight.share('k', start);

    expect([a, b, c]).toEqual([1, 1, 2]);
    expect(inflight.size).toBe(0);
  });

  it('rejects every caller when the call throws before its first await, and keeps nothing', async () => {
    const inflight = new InflightFetches<number>();
    const boom = () => {
      throw new Error('boom');
    };

    const outcomes = await Promise.allSettled([inflight.share('k', boom), inflight.share('k', boom)]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(inflight.size).toBe(0);
  });
});

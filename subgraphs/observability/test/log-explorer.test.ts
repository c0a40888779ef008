import { requestIdMiddleware } from '@trae/kit';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability, waitFor } from './setup.js';
import { shippingLogger } from './support/ship.js';

const LOGS = `query ($status: Int, $route: String, $userId: String, $search: String, $requestId: String) {
  logs(status: $status, route: $route, userId: $userId, search: $search, requestId: $requestId) {
    totalCount edges { node { service message requestId userId context } }
  }
}`;
const SERVICES = '{ logServices }';

type Node = { service: string; message: string; requestId: string | null; userId: string | null };
type Logs = { logs: { totalCount: number; edges: { node: Node & { context: Record<string, unknown> } }[] } };

/** The harness's USER token is this subject; OTHER is a second user. */
const ME = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';

describe('log explorer: field filters, search in context, services from the data', () => {
  let h: Harness;
  const lines = async (vars: Record<string, unknown>, token = h.admin) =>
    (await h.gql<Logs>(LOGS, vars, token)).data?.logs.edges.map((e) => e.node) ?? [];

  beforeAll(async () => {
    h = await startObservability();
    h.obs.consumer.start();
    // Two services answering HTTP as every service does: the kit's middleware logs method, url, status, ms.
    const gateway = shippingLogger(h.prefix, 'gateway');
    const worker = shippingLogger(h.prefix, 'tasks-worker');
    const app = express().use(requestIdMiddleware(gateway.log));
    app.post('/graphql', (req, res) => {
      req.log.child({ userId: ME }).info({ operation: 'RunTask' }, 'operation');
      res.status(200).send('{}');
    });
    app.get('/files/:id', (_req, res) => void res.status(404).send('gone'));
    await request(app).post('/graphql?op=RunTask').set('x-request-id', 'follow-me');
    await request(app).get('/files/f1').set('x-request-id', 'missing-file');
    worker.log.child({ reqId: 'follow-me', userId: ME }).info({ agent: 'research-pilot' }, 'task started');
    worker.log.child({ reqId: 'theirs', userId: OTHER }).info({ agent: 'copy-writer' }, 'task started');
    await Promise.all([gateway.shipper.close(), worker.shipper.close()]);
    await waitFor(
      '5 stored lines',
      async () => (await h.gql<Logs>(LOGS, {}, h.admin)).data?.logs.totalCount === 5,
    );
  });
  afterAll(() => h.stop());

  it('follows one request id across every service it reached', async () => {
    const followed = await lines({ requestId: 'follow-me' });
    expect(followed.map((l) => `${l.service}: ${l.message}`).sort()).toEqual([
      'gateway: operation',
      'gateway: request',
      'tasks-worker: task started',
    ]);
    const answered = followed.find((l) => l.message === 'request');
    expect(answered?.context).toMatchObject({ method: 'POST', url: '/graphql?op=RunTask', status: 200 });
    expect(typeof answered?.context.ms).toBe('number');
  });

  it('filters on status, route (a url’s path from its start) and user', async () => {
    expect((await lines({ status: 404 })).map((l) => l.requestId)).toEqual(['missing-file']);
    expect((await lines({ route: '/graphql' })).map((l) => l.requestId)).toEqual(['follow-me']);
    expect(await lines({ route: 'graphql' })).toEqual([]);
    expect((await lines({ route: '/files/' })).map((l) => l.context.status)).toEqual([404]);
    expect((await lines({ userId: OTHER })).map((l) => l.requestId)).toEqual(['theirs']);
    expect((await lines({ userId: ME })).length).toBe(2);
  });

  it('searches the fields of context as well as the message', async () => {
    expect((await lines({ search: 'research-PILOT' })).map((l) => l.requestId)).toEqual(['follow-me']);
    expect((await lines({ search: 'RunTask' })).map((l) => l.message).sort()).toEqual([
      'operation',
      'request',
    ]);
  });

  it('keeps a user to their own lines whatever user they filter on', async () => {
    expect((await lines({ userId: ME }, h.user)).map((l) => l.message).sort()).toEqual([
      'operation',
      'task started',
    ]);
    expect(await lines({ userId: OTHER }, h.user)).toEqual([]);
  });

  it('names the services that logged, from the data: all for an admin, a user’s own for a user', async () => {
    const all = await h.gql<{ logServices: string[] }>(SERVICES, {}, h.admin);
    expect(all.data?.logServices).toEqual(['gateway', 'tasks-worker']);
    const mine = await h.gql<{ logServices: string[] }>(SERVICES, {}, h.user);
    expect(mine.data?.logServices).toEqual(['gateway', 'tasks-worker']);
    expect((await h.gql(SERVICES, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a bad status or route with BAD_USER_INPUT naming the field', async () => {
    const bad = async (vars: Record<string, unknown>) =>
      (await h.gql(LOGS, vars, h.admin)).errors?.[0].extensions;
    expect(await bad({ status: 42 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(await bad({ route: 'x'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'route' });
  });
});

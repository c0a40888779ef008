import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { testRedisPrefix } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeLive, type LiveSubgraph, startPeople, startTasks } from './support/live.js';
import { type ResetProxy, startResetProxy } from './support/reset-proxy.js';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a subgraph that is down', () => {
  let stack: Stack;
  let gw: RunningGateway;
  let port: number;

  beforeAll(async () => {
    stack = await startStack();
    port = await closedPort();
    gw = await startGateway(stack, { REVIEWS_URL: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('answers SERVICE_UNAVAILABLE (503) naming the subgraph, without host, port or socket error', async () => {
    const { status, body } = await gql(gw.url, '{ user(id: "u1") { username reviews { body } } }');

    expect(status).toBe(503);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'The reviews service is unavailable; retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'reviews' },
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(String(port));
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
  });

  it('still answers what the other subgraphs own', async () => {
    const { status, body } = await gql(gw.url, '{ user(id: "u1") { username } }');

    expect(status).toBe(200);
    expect(body).toEqual({ data: { user: { username: 'alice' } } });
  });
});

describe('a subgraph whose connection is reset', () => {
  const prefix = testRedisPrefix('reset');
  let stack: Stack;
  let tasks: LiveSubgraph;
  let people: LiveSubgraph;
  let proxy: ResetProxy;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    [tasks, people] = await Promise.all([
      startTasks(stack.identity.url, prefix),
      startPeople(stack.identity.url),
    ]);
    proxy = await startResetProxy(tasks.baseUrl);
    const live = { ...stack, supergraphPath: composeLive(proxy.baseUrl, people.baseUrl) };
    gw = await startGateway(live, { TASKS_URL: proxy.baseUrl, PEOPLE_URL: people.baseUrl });
  });
  afterAll(async () => {
    await gw?.stop();
    await proxy?.stop();
    await Promise.all([tasks?.stop(), people?.stop(), stack?.stop()]);
  });

  it('retries a query once on a new connection, and the client never sees the reset', async () => {
    proxy.resetNext(1);
    const before = proxy.requests;

    const { status, body } = await gql(gw.url, '{ task(id: "q1") { id title } }');

    expect(status).toBe(200);
    expect(body).toEqual({ data: { task: { id: 'q1', title: 'from query' } } });
    expect(proxy.requests - before).toBe(2);
  });

  it('answers SERVICE_UNAVAILABLE when the retry is reset too', async () => {
    proxy.resetNext(2);
    const before = proxy.requests;

    const { status, body } = await gql(gw.url, '{ task(id: "q2") { id } }');

    expect(status).toBe(503);
    expect(body.errors?.[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'tasks' });
    expect(proxy.requests - before).toBe(2);
  });

  it('does not resend a mutation, which may have taken effect before the reset', async () => {
    proxy.resetNext(1);
    const before = proxy.requests;

    const failed = await gql(
      gw.url,
      'mutation { updateTask(id: "m1", title: "once", ownerId: "u1") { id } }',
    );

    expect(failed.status).toBe(503);
    expect(failed.body.errors?.[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'tasks' });
    expect(proxy.requests - before).toBe(1);
    const next = await gql(gw.url, 'mutation { updateTask(id: "m1", title: "again", ownerId: "u1") { id } }');
    expect(next.body).toEqual({ data: { updateTask: { id: 'm1' } } });
  });
});

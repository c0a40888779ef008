import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

const ME = '{ me { authorization } }';

describe('failed authentication is rate limited per client address', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    // TRUST_PROXY lets the test speak from several addresses (X-Forwarded-For), as behind a load balancer.
    gw = await startGateway(stack, { TRUST_PROXY: 'true', AUTH_FAILURE_LIMIT: '20' });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  const from = (address: string, authorization: string) =>
    gql(gw.url, ME, { authorization, 'x-forwarded-for': address });

  it('answers RATE_LIMITED after 20 bad API keys, without asking identity again', async () => {
    const before = stack.identity.counts.exchange;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await from('203.0.113.5', `Bearer trae_guess_${i}`)).status);

    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    expect(stack.identity.counts.exchange - before).toBe(20);

    const limited = await from('203.0.113.5', 'Bearer trae_guess_more');
    expect(limited.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('still serves a good key from another address', async () => {
    stack.identity.apiKeys.set('trae_good_key', { apiKeyId: 'ak-good', userId: 'u-good', role: 'USER' });
    const res = await from('198.51.100.8', 'Bearer trae_good_key');
    expect(res.status).toBe(200);
    expect(res.body.data?.me).toEqual({ authorization: expect.stringMatching(/^Bearer /) });
  });

  it('counts bad and expired tokens too, and never counts guests', async () => {
    const expired = await stack.identity.sign(
      { sub: 'u1' },
      { expiresIn: Math.floor(Date.now() / 1000) - 60 },
    );
    for (let i = 0; i < 10; i++) expect((await from('192.0.2.44', 'Bearer not-a-jwt')).status).toBe(401);
    for (let i = 0; i < 10; i++) expect((await from('192.0.2.44', `Bearer ${expired}`)).status).toBe(401);
    expect((await from('192.0.2.44', 'Bearer not-a-jwt')).status).toBe(429);

    const guest = await gql(gw.url, '{ __typename }', { 'x-forwarded-for': '192.0.2.44' });
    expect(guest.status).toBe(200);
  });

  /** Opens a graphql-ws socket from `address`, sends `connection_init`, and resolves with its close code. */
  const initFrom = (address: string, authorization: string) =>
    new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const socket = new WebSocket(`${gw.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
        headers: { 'x-forwarded-for': address },
      });
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })),
      );
      socket.on('message', () => socket.close(1000));
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      socket.on('error', reject);
    });

  it('counts failed connection_init credentials on WebSocket too, with the same budget as HTTP', async () => {
    const before = stack.identity.counts.exchange;
    const codes: number[] = [];
    for (let i = 0; i < 25; i++)
      codes.push((await initFrom('203.0.113.77', `Bearer trae_ws_guess_${i}`)).code);

    expect(codes.slice(0, 20)).toEqual(Array(20).fill(4403));
    expect(codes.slice(20)).toEqual(Array(5).fill(4291));
    expect(stack.identity.counts.exchange - before).toBe(20);
    expect((await initFrom('203.0.113.77', 'Bearer trae_ws_more')).reason).toMatch(/retry after \d+ s/);
    // The address is limited on HTTP as well: one budget per address, whichever door it knocks on.
    expect((await from('203.0.113.77', 'Bearer trae_http_guess')).status).toBe(429);
    // Another address still connects (a good key: the server acknowledges, the test closes normally).
    stack.identity.apiKeys.set('trae_good_key', { apiKeyId: 'ak-good', userId: 'u-good', role: 'USER' });
    expect((await initFrom('198.51.100.9', 'Bearer trae_good_key')).code).toBe(1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN, bootPlatform, type Platform } from '../support/platform.js';

const SUBGRAPHS = ['identity', 'channels', 'tasks', 'files', 'observability'];
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { user { id } } }';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }';
const code = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions.code;

describe('e2e trust: only the gateway reaches subgraphs, and guessing is contained', () => {
  let p: Platform;
  beforeAll(async () => {
    // TRUST_PROXY lets the test speak from several client addresses, as behind a load balancer.
    p = await bootPlatform('trust', { TRUST_PROXY: 'true', AUTH_FAILURE_LIMIT: '20' });
  });
  afterAll(() => p?.stop());

  it('refuses direct calls to every subgraph, HTTP and WebSocket, while the gateway works', async () => {
    for (const name of SUBGRAPHS) {
      const res = await fetch(`${p.services[name]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status, name).toBe(403);
      const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.[0]?.extensions.code, name).toBe('FORBIDDEN');
      expect((await fetch(`${p.services[name]}/ready`)).status, `${name} /ready`).toBe(200);
    }
    for (const name of ['tasks', 'observability']) {
      const status = await new Promise<number>((resolve) => {
        const socket = new WebSocket(
          `${p.services[name].replace('http', 'ws')}/graphql`,
          'graphql-transport-ws',
        );
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => resolve(101));
        socket.on('error', () => undefined);
      });
      expect(status, name).toBe(403);
    }
    const login = await p.gql<{ login: { accessToken: string } }>(LOGIN, { i: ADMIN });
    expect(login.data?.login.accessToken).toEqual(expect.any(String));
  });

  it("locks a guesser's address out of an account, not the owner", async () => {
    const owner = { login: 'keiko', password: 'keiko password 1' };
    await p.gql(REGISTER, {
      i: { username: owner.login, email: 'keiko@e2e.test', password: owner.password },
    });
    const attacker = { 'x-forwarded-for': '203.0.113.99' };
    for (let i = 0; i < 4; i++)
      await p.gql(LOGIN, { i: { ...owner, password: 'guess' } }, undefined, attacker);
    expect(code(await p.gql(LOGIN, { i: { ...owner, password: 'guess' } }, undefined, attacker))).toBe(
      'ACCOUNT_LOCKED',
    );
    expect(code(await p.gql(LOGIN, { i: owner }, undefined, attacker))).toBe('ACCOUNT_LOCKED');
    const home = await p.gql(LOGIN, { i: owner }, undefined, { 'x-forwarded-for': '198.51.100.1' });
    expect(home.errors).toBeUndefined();
  });

  it('answers RATE_LIMITED to an address guessing API keys, and serves others', async () => {
    const guesser = { 'x-forwarded-for': '192.0.2.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await p.gql('{ me { id } }', {}, `trae_guess${i}`, guesser)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    const other = await p.gql<{ login: { accessToken: string } }>(LOGIN, { i: ADMIN }, undefined, {
      'x-forwarded-for': '192.0.2.78',
    });
    expect(other.errors).toBeUndefined();
  });
});

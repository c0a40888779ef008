import { gatewaySignatureHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const QUERY = { query: '{ __typename }' };

describe('identity answers only the gateway and other services', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity();
  });
  afterAll(() => h?.stop());

  const post = (headers: Record<string, string>) =>
    request(h.identity.app).post('/graphql').set(headers).send(QUERY);

  it('refuses a direct call to /graphql, and a stale or forged signature, with 403 FORBIDDEN', async () => {
    const { secret } = h;
    const calls = {
      none: {},
      stale: gatewaySignatureHeaders(secret, 'r-stale', '', Date.now() - 120_000),
      forged: gatewaySignatureHeaders('not-the-secret-0123456789abcdef', 'r-forged'),
    };
    for (const [name, headers] of Object.entries(calls)) {
      const res = await post(headers);
      expect(res.status, name).toBe(403);
      expect(res.body.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
    }
    expect((await post(gatewaySignatureHeaders(secret, 'r-ok'))).body).toEqual({
      data: { __typename: 'Query' },
    });
  });

  it('keeps /health, /ready and /metrics open for probes', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      expect((await request(h.identity.app).get(path)).status, path).toBe(200);
    }
  });
});

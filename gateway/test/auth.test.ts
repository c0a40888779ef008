import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

const ME = '{ me { authorization } }';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Retries until the check passes: pub/sub delivery to the gateway is asynchronous. */
async function eventually(check: () => Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function expectUnauthenticated(res: Awaited<ReturnType<typeof gql>>, message?: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('Bearer');
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  if (message) expect(res.body.errors?.[0].message).toBe(message);
}

describe('edge authentication', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack);
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('accepts a valid access token', async () => {
    const token = await stack.identity.sign({ sub: 'u1' });

    const res = await gql(gw.url, ME, { authorization: `Bearer ${token}` });

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { authorization: `Bearer ${token}` } });
  });

  it('refuses a tampered token', async () => {
    const [header, , signature] = (await stack.identity.sign({ sub: 'u1' })).split('.');
    const forged = [
      header,
      b64({ sub: 'admin', role: 'ADMIN', iss: 'trae-identity', aud: 'trae-platform' }),
      signature,
    ];

    expectUnauthenticated(await gql(gw.url, ME, { authorization: `Bearer ${forged.join('.')}` }));
  });

  it('refuses an unsigned `alg: none` token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'u1',
      role: 'ADMIN',
      iss: 'trae-identity',
      aud: 'trae-platform',
      iat: now,
      exp: now + 600,
    };
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

    expectUnauthenticated(await gql(gw.url, ME, { authorization: `Bearer ${unsigned}` }));
  });

  it('refuses a token signed with a key identity does not publish', async () => {
    const token = await stack.identity.sign({ sub: 'u1' }, { key: stack.identity.otherKey });

    expectUnauthenticated(await gql(gw.url, ME, { authorization: `Bearer ${token}` }));
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3_600;
    const token = await stack.identity.sign({ sub: 'u1' }, { iat: past, expiresIn: past + 60 });

    expectUnauthenticated(await gql(gw.url, ME, { authorization: `Bearer ${token}` }));
  });

  it('refuses a malformed Authorization header', async () => {
    expectUnauthenticated(await gql(gw.url, ME, { authorization: 'Basic dXNlcjpwYXNz' }));
  });

  it('refuses a token issued before the user’s revocation mark, and accepts one issued after', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await stack.identity.sign({ sub: 'u-revoked' }, { iat: now - 120 });
    const fresh = await stack.identity.sign({ sub: 'u-revoked' }, { iat: now });
    await gw.redis.set('auth:nbf:u-revoked', String(now - 60));

    expectUnauthenticated(await gql(gw.url, ME, { authorization: `Bearer ${old}` }), 'Token revoked');
    expect((await gql(gw.url, ME, { authorization: `Bearer ${fresh}` })).status).toBe(200);
  });

  it('exchanges an API key once, forwards the minted token, and forgets it on revocation', async () => {
    stack.identity.apiKeys.set('trae_key_one', { apiKeyId: 'ak1', userId: 'u-key', role: 'AGENT' });
    const before = stack.identity.counts.exchange;

    const first = await gql(gw.url, ME, { authorization: 'Bearer trae_key_one' });
    const second = await gql(gw.url, ME, { authorization: 'Bearer trae_key_one' });

    expect(first.status).toBe(200);
    const forwarded = (first.body.data?.me as { authorization?: string } | undefined)?.authorization;
    expect(forwarded).toMatch(/^Bearer ey/);
    expect(forwarded).not.toContain('trae_key_one');
    expect(second.body.data).toEqual(first.body.data);
    expect(stack.identity.counts.exchange - before).toBe(1);

    // Identity revokes the key: until it says so on Redis, the cached exchange still works...
    stack.identity.apiKeys.delete('trae_key_one');
    expect((await gql(gw.url, ME, { authorization: 'Bearer trae_key_one' })).status).toBe(200);
    // ...and after the announcement the gateway asks again and is refused.
    await gw.redis.publish(
      `${gw.prefix}identity.revocations`,
      JSON.stringify({ type: 'apiKey', apiKeyId: 'ak1' }),
    );
    await eventually(async () =>
      expectUnauthenticated(
        await gql(gw.url, ME, { authorization: 'Bearer trae_key_one' }),
        'Invalid API key',
      ),
    );
  });

  it("drops every cached API key of a user when the user's tokens are revoked", async () => {
    stack.identity.apiKeys.set('trae_key_two', { apiKeyId: 'ak2', userId: 'u-two', role: 'USER' });
    expect((await gql(gw.url, ME, { authorization: 'Bearer trae_key_two' })).status).toBe(200);
    stack.identity.apiKeys.delete('trae_key_two');

    await gw.redis.publish(
      `${gw.prefix}identity.revocations`,
      JSON.stringify({ type: 'user', userId: 'u-two' }),
    );

    await eventually(async () =>
      expectUnauthenticated(
        await gql(gw.url, ME, { authorization: 'Bearer trae_key_two' }),
        'Invalid API key',
      ),
    );
  });

  it('re-asks identity when a cached API-key token has been revoked by a mark', async () => {
    stack.identity.apiKeys.set('trae_key_three', { apiKeyId: 'ak3', userId: 'u-three', role: 'USER' });
    expect((await gql(gw.url, ME, { authorization: 'Bearer trae_key_three' })).status).toBe(200);
    const before = stack.identity.counts.exchange;

    await gw.redis.set('auth:nbf:u-three', String(Math.floor(Date.now() / 1000) + 60));
    const res = await gql(gw.url, ME, { authorization: 'Bearer trae_key_three' });

    expectUnauthenticated(res, 'Token revoked');
    expect(stack.identity.counts.exchange - before).toBe(1);
  });

  it('refuses an unknown API key', async () => {
    expectUnauthenticated(
      await gql(gw.url, ME, { authorization: 'Bearer trae_not_a_key' }),
      'Invalid API key',
    );
  });

  it("proxies identity's JWKS and caches it", async () => {
    const first = await fetch(`${gw.url}/.well-known/jwks.json`);
    const hits = stack.identity.counts.jwks;
    const second = await fetch(`${gw.url}/.well-known/jwks.json`);

    expect(first.status).toBe(200);
    const body = (await first.json()) as { keys: { kid: string; alg: string; d?: string }[] };
    expect(body.keys[0]).toMatchObject({ kid: 'test-key-1', alg: 'EdDSA' });
    expect(body.keys[0].d).toBeUndefined();
    expect(await second.json()).toEqual(body);
    expect(stack.identity.counts.jwks).toBe(hits);
    expect(second.headers.get('cache-control')).toBe('public, max-age=60');
  });
});

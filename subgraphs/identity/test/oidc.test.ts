import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK, type OidcHarness, startOidc } from './oidc-harness.js';

describe('identity: sign-in with OpenID Connect (against a real oidc-provider)', () => {
  let t: OidcHarness;
  beforeAll(async () => {
    t = await startOidc();
  });
  afterAll(() => t.stop());

  it('lists the providers publicly, with their id and name only', async () => {
    const r = await t.h.gql('{ oidcProviders { id name } }');
    expect(r.data).toEqual({ oidcProviders: [{ id: 'test', name: 'Test IdP' }] });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const start = await t.get('/auth/oidc/test/start');
    const url = new URL(start.headers.location);
    expect(url.origin).toBe(t.op.issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
  });

  it('signs a new person in over HTTP: account made from verified claims, one-time code for the tokens', async () => {
    t.op.accounts.set('alice-sub', {
      email: 'Alice@Example.com',
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
    const first = await t.signIn('alice-sub');
    expect(first.code).toMatch(/^[\w-]{43}$/);
    const r = await t.exchange(first.code);
    expect(r.errors).toBeUndefined();
    const { user, accessToken } = r.data!.exchangeOidcCode;
    expect(user).toMatchObject({ username: 'alice', role: 'USER', displayName: 'Alice Liddell' });
    const me = await t.h.gql<{ me: { id: string; email: string } }>('{ me { id email } }', {}, accessToken);
    expect(me.data!.me).toEqual({ id: user.id, email: 'alice@example.com' });

    // The same provider account signs in as the same user next time, whatever its email says now.
    t.op.accounts.set('alice-sub', { email: 'alice@elsewhere.example', email_verified: false });
    const again = await t.exchange((await t.signIn('alice-sub')).code);
    expect(again.data!.exchangeOidcCode.user.id).toBe(user.id);
    const linked = await t.rows<{ user_id: string }>(
      `select user_id from identity.linked_identities where provider = 'test' and subject = 'alice-sub'`,
    );
    expect(linked.map((l) => l.user_id)).toEqual([user.id]);
  });

  it('refuses a replayed one-time exchange code', async () => {
    t.op.accounts.set('bob-sub', { email: 'bob@example.com', email_verified: true });
    const { code } = await t.signIn('bob-sub');
    expect((await t.exchange(code)).errors).toBeUndefined();
    const replay = await t.exchange(code);
    expect(replay.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await t.failures()).toContain('exchange-code');
  });

  it('refuses a tampered state, and the real state stays good for its own answer only', async () => {
    t.op.accounts.set('carol-sub', { email: 'carol@example.com', email_verified: true });
    const answer = await t.answerFor('carol-sub');
    const tampered = new URL(answer.url);
    tampered.searchParams.set('state', `${answer.url.searchParams.get('state')}x`);
    const refused = await t.callback({ ...answer, url: tampered });
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(refused.code).toBeUndefined();
    expect(await t.failures()).toContain('state');
    expect((await t.callback(answer)).code).toBeDefined();
  });

  it("refuses a replayed callback, and the provider's code replayed under a fresh state", async () => {
    t.op.accounts.set('dan-sub', { email: 'dan@example.com', email_verified: true });
    const answer = await t.answerFor('dan-sub');
    expect((await t.callback(answer)).code).toBeDefined();
    expect(await t.callback(answer)).toMatchObject({ error: 'UNAUTHENTICATED' });

    // A new flow's state with the spent authorization code: the provider refuses the code (and PKCE).
    const start = await t.get('/auth/oidc/test/start');
    const fresh = new URL(start.headers.location);
    const replay = new URL(answer.url);
    replay.searchParams.set('state', fresh.searchParams.get('state')!);
    const cookie = (start.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const refused = await t.callback({ url: replay, cookie });
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(refused.message).toMatch(/did not confirm/);
    expect((await t.failures())[0]).toBe('OAUTH_RESPONSE_BODY_ERROR');
  });

  it("refuses an answer brought back by another browser (someone else's sign-in forced on a victim)", async () => {
    t.op.accounts.set('kim-sub', { email: 'kim@example.com', email_verified: true });
    const answer = await t.answerFor('kim-sub');
    expect(await t.callback({ url: answer.url })).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await t.failures())[0]).toBe('browser');
    const other = await t.answerFor('kim-sub');
    expect(await t.callback({ url: other.url, cookie: answer.cookie })).toMatchObject({
      error: 'UNAUTHENTICATED',
    });
    expect(await t.rows(`select 1 from identity.users where email = 'kim@example.com'`)).toHaveLength(0);
  });

  it('refuses an ID token whose nonce is not the flow’s', async () => {
    t.op.accounts.set('erin-sub', { email: 'erin@example.com', email_verified: true });
    const answer = await t.answerFor('erin-sub');
    const state = answer.url.searchParams.get('state')!;
    const key = `oidc:flow:${createHash('sha256').update(state).digest('hex')}`;
    const flow = JSON.parse((await t.redis.get(key))!);
    await t.redis.set(key, JSON.stringify({ ...flow, nonce: 'another-nonce' }), 'KEEPTTL');
    const refused = await t.callback(answer);
    expect(refused).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await t.failures())[0]).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
    expect(await t.rows(`select 1 from identity.users where email = 'erin@example.com'`)).toHaveLength(0);
  });

  it('refuses an ID token (rightly signed by the issuer) for another audience', async () => {
    t.op.accounts.set('fay-sub', { email: 'fay@example.com', email_verified: true });
    const answer = await t.answerFor('fay-sub');
    t.op.forgeAudience = 'someone-else';
    try {
      expect(await t.callback(answer)).toMatchObject({ error: 'UNAUTHENTICATED' });
    } finally {
      t.op.forgeAudience = null;
    }
    expect((await t.failures())[0]).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
    expect(await t.rows(`select 1 from identity.users where email = 'fay@example.com'`)).toHaveLength(0);
  });

  it('never makes or links an account from an unverified email', async () => {
    t.op.accounts.set('gus-sub', { email: 'gus@example.com', email_verified: false });
    expect(await t.signIn('gus-sub')).toMatchObject({ error: 'FORBIDDEN' });
    expect(await t.rows(`select 1 from identity.users where email = 'gus@example.com'`)).toHaveLength(0);
    expect(await t.failures()).toContain('email-unverified');
  });

  it('answers an unknown provider with the error page', async () => {
    const res = await t.get('/auth/oidc/nobody/start');
    expect(t.outcome(res.headers.location)).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('is refused to callers that are not the gateway', async () => {
    const res = await request(t.h.identity.app).get('/auth/oidc/test/start');
    expect(res.status).toBe(403);
  });
});

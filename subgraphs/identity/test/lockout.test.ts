import { internalHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`;
const PASSWORD = 'correct horse battery';

describe('identity: lockout by (account, address), slowing by account', () => {
  let h: Harness;
  beforeAll(async () => {
    // Pair lock after 3, account ceiling after 6 failures, backoff at most 30 s.
    h = await startIdentity({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_MAX_FAILURES: '6',
      LOGIN_BACKOFF_MAX_SECONDS: '30',
    });
  });
  afterAll(() => h.stop());

  const register = (username: string) =>
    h.gql(REGISTER, { input: { username, email: `${username}@example.com`, password: PASSWORD } });
  const login = (name: string, password: string, from: string) =>
    h.gql<{ login: { accessToken: string } }>(LOGIN, { input: { login: name, password } }, undefined, from);
  const code = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions.code;

  it("locks the attacker's address out of the account, while the owner elsewhere still signs in", async () => {
    await register('hana');
    for (let i = 0; i < 2; i++)
      expect(code(await login('hana', 'guess', '203.0.113.66'))).toBe('UNAUTHENTICATED');
    const third = await login('hana', 'guess', '203.0.113.66');
    expect(code(third)).toBe('ACCOUNT_LOCKED');
    expect(third.errors?.[0].extensions.retryAfter).toBeGreaterThan(800);

    // Even the right password from the attacker's address is refused now...
    expect(code(await login('hana', PASSWORD, '203.0.113.66'))).toBe('ACCOUNT_LOCKED');
    // ...but the owner, from home, is not locked out.
    const owner = await login('hana', PASSWORD, '198.51.100.20');
    expect(owner.errors).toBeUndefined();
    expect(owner.data?.login.accessToken).toEqual(expect.any(String));
  });

  it('slows the account with a doubling RATE_LIMITED backoff when guesses come from many addresses', async () => {
    await register('ivan');
    // Six failures from six addresses: no pair reaches its lock, the account reaches its ceiling.
    const answers = [];
    for (let i = 1; i <= 6; i++) answers.push(code(await login('ivan', 'guess', `192.0.2.${i}`)));
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(answers[5]).toBe('RATE_LIMITED');

    // During the backoff every address waits, the owner included, and no password is checked.
    const waiting = await login('ivan', PASSWORD, '198.51.100.30');
    expect(code(waiting)).toBe('RATE_LIMITED');
    const first = Number(waiting.errors?.[0].extensions.retryAfter);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(30);

    // Once it passes, the next failure doubles the wait; nothing is ever ACCOUNT_LOCKED.
    await new Promise((resolve) => setTimeout(resolve, (first + 1) * 1000));
    const again = await login('ivan', 'guess', '192.0.2.7');
    expect(code(again)).toBe('RATE_LIMITED');
    expect(Number(again.errors?.[0].extensions.retryAfter)).toBeGreaterThan(first);

    await new Promise((resolve) =>
      setTimeout(resolve, (Number(again.errors?.[0].extensions.retryAfter) + 1) * 1000),
    );
    const owner = await login('ivan', PASSWORD, '198.51.100.30');
    expect(owner.errors).toBeUndefined();
  }, 30_000);

  it('believes only an address the gateway signed: a forwarded header from another caller is ignored', async () => {
    await register('jade');
    // A caller with the internal secret but no gateway signature rotates x-forwarded-for: every guess
    // still counts against its own socket address, which locks after three.
    const spoofed = (n: number, password: string) =>
      request(h.identity.app)
        .post('/graphql')
        .set({ ...internalHeaders(h.secret), 'x-forwarded-for': `192.0.2.${n}` })
        .send({ query: LOGIN, variables: { input: { login: 'jade', password } } });
    for (let i = 1; i <= 3; i++) await spoofed(i, 'guess');
    expect((await spoofed(4, PASSWORD)).body.errors?.[0].extensions.code).toBe('ACCOUNT_LOCKED');
  });
});

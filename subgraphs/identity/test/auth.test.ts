import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken expiresIn user { id username email role } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = '{ me { id username email role } }';

type Session = { accessToken: string; refreshToken: string; expiresIn: number; user: { id: string } };

describe('identity: sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity();
  });
  afterAll(() => h.stop());

  const register = (username: string, password = 'correct horse battery') =>
    h.gql<{ register: Session }>(REGISTER, {
      input: { username, email: `${username}@example.com`, password },
    });
  const login = (login: string, password: string) =>
    h.gql<{ login: Session }>(LOGIN, { input: { login, password } });

  it('registers, logs in by username or email, and answers me', async () => {
    const reg = await register('alice');
    expect(reg.errors).toBeUndefined();
    expect(reg.data?.register.expiresIn).toBe(900);

    const byName = await login('ALICE', 'correct horse battery');
    const byEmail = await login('alice@example.com', 'correct horse battery');
    expect(byName.data?.login.user.id).toBe(reg.data?.register.user.id);
    expect(byEmail.data?.login.user.id).toBe(reg.data?.register.user.id);

    const me = await h.gql<{ me: { username: string; email: string; role: string } }>(
      ME,
      {},
      byEmail.data?.login.accessToken,
    );
    expect(me.data?.me).toMatchObject({ username: 'alice', email: 'alice@example.com', role: 'USER' });
    expect((await h.gql<{ me: null }>(ME)).data?.me).toBeNull();
  });

  it('refuses duplicates and bad input with codes naming the field', async () => {
    await register('bob');
    const dup = await h.gql(REGISTER, {
      input: { username: 'BOB', email: 'other@example.com', password: 'long enough pw' },
    });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const dupMail = await h.gql(REGISTER, {
      input: { username: 'bobby', email: 'BOB@example.com', password: 'long enough pw' },
    });
    expect(dupMail.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const badMail = await h.gql(REGISTER, {
      input: { username: 'carol', email: 'nope', password: 'long enough pw' },
    });
    expect(badMail.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const short = await h.gql(REGISTER, {
      input: { username: 'carol', email: 'c@example.com', password: 'short' },
    });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it('refuses a huge password before hashing it', async () => {
    const started = performance.now();
    const res = await login('alice', 'x'.repeat(1_000_000));
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rotates refresh tokens and revokes the family when a spent one is reused', async () => {
    const first = (await register('dave')).data!.register;
    const second = (await h.gql<{ refreshToken: Session }>(REFRESH, { t: first.refreshToken })).data!
      .refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const reuse = await h.gql(REFRESH, { t: first.refreshToken });
    expect(reuse.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // The thief's reuse ended the whole login, including the legitimate successor.
    const successor = await h.gql(REFRESH, { t: second.refreshToken });
    expect(successor.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets only one of two racing refreshes win', async () => {
    const s = (await register('erin')).data!.register;
    const results = await Promise.all([
      h.gql(REFRESH, { t: s.refreshToken }),
      h.gql(REFRESH, { t: s.refreshToken }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it('logs out by ending the refresh family', async () => {
    const s = (await register('frank')).data!.register;
    const out = await h.gql<{ logout: boolean }>('mutation ($t: String!) { logout(refreshToken: $t) }', {
      t: s.refreshToken,
    });
    expect(out.data?.logout).toBe(true);
    expect((await h.gql(REFRESH, { t: s.refreshToken })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers unknown accounts and wrong passwords alike, and locks after five failures', async () => {
    await register('gina');
    const wrong = await login('gina', 'wrong password!!');
    const unknown = await login('nobody-here', 'wrong password!!');
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Invalid login or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Invalid login or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });

    for (let i = 0; i < 3; i++) await login('gina', 'wrong password!!');
    const fifth = await login('gina', 'wrong password!!');
    expect(fifth.errors?.[0].extensions.code).toBe('ACCOUNT_LOCKED');
    const correctButLocked = await login('gina@example.com', 'correct horse battery');
    expect(correctButLocked.errors?.[0].extensions).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(correctButLocked.errors?.[0].extensions.retryAfter).toBeGreaterThan(800);

    // Unknown accounts lock the same way, so the lock does not reveal which accounts exist.
    for (let i = 0; i < 4; i++) await login('nobody-here', 'wrong password!!');
    expect((await login('nobody-here', 'wrong password!!')).errors?.[0].extensions.code).toBe(
      'ACCOUNT_LOCKED',
    );
  });
});

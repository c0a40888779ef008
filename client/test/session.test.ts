import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN_KEY,
  type AuthPayloadLike,
  AuthSession,
  REFRESH_TOKEN_KEY,
  refreshDelayMs,
  SessionExpiredError,
  type SessionTransport,
  type TabLock,
} from '../src/auth/session';

const user = { id: 'u1', username: 'ada', email: 'ada@example.test', role: 'USER' as const };
const payload = (n: number, expiresIn = 900): AuthPayloadLike => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn,
  user,
});

function transport(overrides: Partial<SessionTransport> = {}) {
  let n = 1;
  return {
    refresh: vi.fn(async (_token: string) => payload(++n)),
    logout: vi.fn(async (_token: string) => undefined),
    ...overrides,
  };
}

/** One lock shared by the "tabs" of a test, as the Web Locks API is by the tabs of an origin. */
function tabLock(): TabLock {
  let tail: Promise<unknown> = Promise.resolve();
  return (_name, task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

describe('AuthSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('refreshes at 80 % of the lifetime, at least 30 s early, never sooner than 5 s', () => {
    expect(refreshDelayMs(900)).toBe(720_000);
    expect(refreshDelayMs(60)).toBe(30_000);
    expect(refreshDelayMs(10)).toBe(5_000);
  });

  it('keeps tokens per tab and refreshes before the access token expires', async () => {
    const t = transport();
    const session = new AuthSession(t, sessionStorage);
    const tokens: (string | null)[] = [];
    session.onTokenChange((token) => tokens.push(token));

    session.signIn(payload(1));
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(await session.accessToken()).toBe('access-1');

    await vi.advanceTimersByTimeAsync(720_000);
    expect(t.refresh).toHaveBeenCalledWith('refresh-1');
    expect(session.currentToken()).toBe('access-2');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(tokens).toEqual(['access-1', 'access-2']);
  });

  it('spends a refresh token once when many callers need a fresh token at the same time', async () => {
    const t = transport();
    const session = new AuthSession(t, sessionStorage);
    session.signIn(payload(1, 60));
    await vi.advanceTimersByTimeAsync(29_000); // not due yet
    vi.setSystemTime(Date.now() + 58_000); // but the token is about to expire

    const results = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(results).toEqual(['access-2', 'access-2', 'access-2']);
    expect(t.refresh).toHaveBeenCalledTimes(1);
  });

  it('restores after a reload from the stored access token, without spending the refresh token', async () => {
    const t = transport();
    new AuthSession(t, sessionStorage).signIn(payload(1));
    const reloaded = new AuthSession(t, sessionStorage);

    await reloaded.restore();
    expect(reloaded.getState()).toEqual({ status: 'signedIn', user });
    expect(reloaded.currentToken()).toBe('access-1');
    expect(t.refresh).not.toHaveBeenCalled();
  });

  it('restores with a refresh when the stored access token is about to expire', async () => {
    const t = transport();
    new AuthSession(t, sessionStorage).signIn(payload(1, 60));
    vi.setSystemTime(Date.now() + 40_000);
    const reloaded = new AuthSession(t, sessionStorage);

    await reloaded.restore();
    expect(t.refresh).toHaveBeenCalledWith('refresh-1');
    expect(reloaded.currentToken()).toBe('access-2');
  });

  it('signs out when the server says the refresh token is dead, and forgets both tokens', async () => {
    const t = transport({ refresh: vi.fn(async () => Promise.reject(new SessionExpiredError('spent'))) });
    const session = new AuthSession(t, sessionStorage);
    session.signIn(payload(1, 60));
    const tokens: (string | null)[] = [];
    session.onTokenChange((token) => tokens.push(token));

    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getState().status).toBe('signedOut');
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
    expect(tokens).toEqual([null]);
  });

  it('keeps the session through a network failure and tries again 10 s later', async () => {
    const refresh = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(payload(2));
    const session = new AuthSession(transport({ refresh }), sessionStorage);
    session.signIn(payload(1, 60));

    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getState().status).toBe('signedIn');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(session.currentToken()).toBe('access-2');
  });

  it('ends the login on the server at sign-out, and signs out locally even when that fails', async () => {
    const t = transport({ logout: vi.fn(async () => Promise.reject(new Error('offline'))) });
    const session = new AuthSession(t, sessionStorage);
    session.signIn(payload(1));

    await session.signOut();
    expect(t.logout).toHaveBeenCalledWith('refresh-1');
    expect(session.getState()).toEqual({ status: 'signedOut', user: null });
    expect(await session.accessToken()).toBeNull();
  });

  describe('across tabs (one storage, one lock)', () => {
    it('signs a new tab in from the session of the first, without spending the refresh token', async () => {
      const t = transport();
      new AuthSession(t, localStorage, Date.now, tabLock()).signIn(payload(1));
      const newTab = new AuthSession(t, localStorage, Date.now, tabLock());

      await newTab.restore();
      expect(newTab.getState()).toEqual({ status: 'signedIn', user });
      expect(newTab.currentToken()).toBe('access-1');
      expect(t.refresh).not.toHaveBeenCalled();
    });

    it('spends the shared refresh token once when two tabs refresh at the same moment', async () => {
      const t = transport();
      const lock = tabLock();
      const first = new AuthSession(t, localStorage, Date.now, lock);
      first.signIn(payload(1, 60));
      const second = new AuthSession(t, localStorage, Date.now, lock);
      await second.restore();

      await Promise.all([first.refresh(), second.refresh()]);
      expect(t.refresh).toHaveBeenCalledTimes(1);
      expect(t.refresh).toHaveBeenCalledWith('refresh-1');
      expect(first.currentToken()).toBe('access-2');
      expect(second.currentToken()).toBe('access-2');
      expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    });

    it('follows another tab: its refresh is adopted, its sign-out signs this tab out', async () => {
      const t = transport();
      const lock = tabLock();
      const first = new AuthSession(t, localStorage, Date.now, lock);
      first.signIn(payload(1, 60));
      const second = new AuthSession(t, localStorage, Date.now, lock);
      await second.restore();
      const seen: (string | null)[] = [];
      second.onTokenChange((token) => seen.push(token));

      await first.refresh();
      second.sync(); // the browser's storage event
      expect(second.currentToken()).toBe('access-2');

      await first.signOut();
      second.sync();
      expect(second.getState()).toEqual({ status: 'signedOut', user: null });
      expect(seen).toEqual(['access-2', null]);
      expect(t.logout).toHaveBeenCalledTimes(1);
    });
  });
});

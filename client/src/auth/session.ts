import { type FragmentType, getFragmentData } from '../gql/fragment-masking';
import { AuthFieldsFragmentDoc, type Role } from '../gql/graphql';

export interface SessionUser {
  id: string;
  username: string;
  email: string | null;
  role: Role;
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
  user: SessionUser;
}

/**
 * What a sign-in answers: the `AuthFields` fragment as the mutations spread it (masked by codegen, so
 * only the session, its reader, sees the fields) or the plain fields (tests, stored state).
 */
export type AuthPayloadLike = AuthPayload | FragmentType<typeof AuthFieldsFragmentDoc>;

function readAuthPayload(answer: AuthPayloadLike): AuthPayload {
  return getFragmentData(AuthFieldsFragmentDoc, answer as FragmentType<typeof AuthFieldsFragmentDoc>);
}

export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
}

export interface SessionTransport {
  /** Spends the refresh token; rejects with `{ code: 'UNAUTHENTICATED' }`-style errors when it is dead. */
  refresh(refreshToken: string): Promise<AuthPayloadLike>;
  logout(refreshToken: string): Promise<void>;
}

/**
 * The refresh token lives in localStorage, shared by every tab of the origin, so a link opened in a new
 * tab is signed in. It is single use: two tabs spending it at once would look like theft to the server,
 * which revokes the family. So a refresh runs under a cross-tab lock (the Web Locks API) and first
 * re-reads the token: a tab that finds it changed while it waited adopts what the other tab got
 * instead of spending a token already spent. sessionStorage (per tab) would be no safer against
 * script on the page; the tokens' protection is the CSP.
 */
export const REFRESH_TOKEN_KEY = 'trae.refreshToken';

/**
 * The access token (and who it is for) is mirrored beside it, so a reload does not have to spend the
 * refresh token: a reload during a refresh loses the server's answer, and the next use of the spent
 * token would end every session of the login. It adds no exposure: the refresh token next to it is
 * worth more.
 */
export const ACCESS_TOKEN_KEY = 'trae.accessToken';

interface StoredAccess {
  token: string;
  issuedAt: number;
  expiresIn: number;
  user: SessionUser;
}

/** When to refresh an access token that lives `expiresIn` seconds: at 80 %, at least 30 s early, never before 5 s. */
export function refreshDelayMs(expiresIn: number): number {
  return Math.max(5, Math.min(expiresIn * 0.8, expiresIn - 30)) * 1000;
}

/** Runs `task` while no other tab of the origin holds the lock `name`. */
export type TabLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/** The Web Locks API where the browser has it (every current one); else no lock (one tab at a time). */
export const browserTabLock: TabLock = (name, task) =>
  typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request(name, task) as ReturnType<typeof task>)
    : task();

const REFRESH_LOCK = 'trae.session.refresh';

/** Errors that mean the refresh token itself is spent or revoked (not a network blip). */
export class SessionExpiredError extends Error {}

/**
 * Holds the signed-in state outside React: the tokens in storage shared by the tabs, one refresh in
 * flight across all tabs, a timer that refreshes before expiry, a retry when the network fails, and
 * `sync()` to follow what another tab did (signed in, refreshed, signed out). Components read it
 * through `useSession`; links through `accessToken`.
 */
export class AuthSession {
  private token: string | null = null;
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<boolean> | null = null;
  /** The refresh token this tab last stored or adopted: a different one in storage is another tab's doing. */
  private known: string | null = null;
  private state: SessionState = { status: 'restoring', user: null };
  private readonly listeners = new Set<() => void>();
  private readonly tokenListeners = new Set<(token: string | null) => void>();

  constructor(
    private readonly transport: SessionTransport,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly now: () => number = Date.now,
    private readonly lock: TabLock = browserTabLock,
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called with every new access token (and null on sign-out), e.g. to reconnect the WebSocket. */
  onTokenChange(listener: (token: string | null) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** The current access token without waiting (the WebSocket's connection_init). */
  currentToken(): string | null {
    return this.token;
  }

  /** A token valid for at least a few more seconds, refreshing first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    if (this.token && this.expiresAt - this.now() > 5_000) return this.token;
    if (!this.storage.getItem(REFRESH_TOKEN_KEY)) return null;
    await this.refresh();
    return this.token;
  }

  signIn(answer: AuthPayloadLike): void {
    const payload = readAuthPayload(answer);
    this.storage.setItem(REFRESH_TOKEN_KEY, payload.refreshToken);
    this.known = payload.refreshToken;
    const access: StoredAccess = {
      token: payload.accessToken,
      issuedAt: this.now(),
      expiresIn: payload.expiresIn,
      user: payload.user,
    };
    this.storage.setItem(ACCESS_TOKEN_KEY, JSON.stringify(access));
    this.adopt(access);
  }

  /**
   * After a reload: the stored access token while it has a while to live, else a refresh with the
   * stored refresh token, else signed out.
   */
  async restore(): Promise<void> {
    if (!this.storage.getItem(REFRESH_TOKEN_KEY)) {
      this.clear();
      return;
    }
    if (this.adoptStored(30_000)) return;
    await this.refresh();
  }

  /**
   * Follows another tab (the `storage` event): its sign-out signs this tab out (without ending the
   * session on the server again), its sign-in or refresh is adopted here.
   */
  sync(): void {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      if (this.state.status === 'signedIn') this.clear();
      return;
    }
    // Two writes (refresh token, then access token): adopt once the access token is the new one.
    if (this.storedAccess()?.token !== this.token) this.adoptStored(5_000);
  }

  /** One refresh at a time; concurrent callers share it. Resolves false when the session is over. */
  refresh(): Promise<boolean> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets the session here and ends it on the server (best effort: the tokens are gone either way). */
  async signOut(): Promise<void> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    this.clear();
    if (refreshToken) await this.transport.logout(refreshToken).catch(() => undefined);
  }

  /** Local sign-out, e.g. after the server said UNAUTHENTICATED. */
  clear(): void {
    clearTimeout(this.timer);
    this.known = null;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
    this.storage.removeItem(ACCESS_TOKEN_KEY);
    const hadToken = this.token !== null;
    this.token = null;
    this.expiresAt = 0;
    this.setState({ status: 'signedOut', user: null });
    if (hadToken) for (const listener of this.tokenListeners) listener(null);
  }

  private adopt(access: StoredAccess): void {
    this.token = access.token;
    this.expiresAt = access.issuedAt + access.expiresIn * 1000;
    this.schedule(Math.max(0, access.issuedAt + refreshDelayMs(access.expiresIn) - this.now()));
    this.setState({ status: 'signedIn', user: access.user });
    for (const listener of this.tokenListeners) listener(this.token);
  }

  /** Adopts the stored access token (and its refresh token) if it lives at least `marginMs` more. */
  private adoptStored(marginMs: number): boolean {
    const access = this.storedAccess();
    if (!access || access.issuedAt + access.expiresIn * 1000 - this.now() <= marginMs) return false;
    this.known = this.storage.getItem(REFRESH_TOKEN_KEY);
    this.adopt(access);
    return true;
  }

  private storedAccess(): StoredAccess | null {
    try {
      const parsed = JSON.parse(this.storage.getItem(ACCESS_TOKEN_KEY) ?? 'null') as StoredAccess | null;
      return parsed && typeof parsed.token === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  private doRefresh(): Promise<boolean> {
    return this.lock(REFRESH_LOCK, () => this.refreshHoldingLock());
  }

  private async refreshHoldingLock(): Promise<boolean> {
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_KEY);
    if (!refreshToken) {
      this.clear();
      return false;
    }
    // Another tab refreshed while this one waited for the lock: its token is spent, take the new one.
    if (this.known !== null && refreshToken !== this.known && this.adoptStored(5_000)) return true;
    try {
      this.signIn(await this.transport.refresh(refreshToken));
      return true;
    } catch (error) {
      if (error instanceof SessionExpiredError) {
        this.clear();
        return false;
      }
      // The network or the server failed, not the token: keep it and try again soon.
      this.schedule(10_000);
      if (this.state.status === 'restoring') this.setState({ status: 'signedOut', user: null });
      return false;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

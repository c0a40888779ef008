import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sha256 } from '../auth/auth.service.js';

/** A started sign-in: what the callback must check the provider's answer against. */
export interface Flow {
  provider: string;
  codeVerifier: string;
  nonce: string;
  /**
   * sha256 of the random value in the browser's `trae_oidc` cookie set at start: the callback must come
   * from the browser that started, so nobody can sign a victim in as themselves with their own answer.
   */
  browser?: string;
  /** Set when a signed-in user asked to link the provider to their account (`linkOidcProvider`). */
  linkUserId?: string;
}

/**
 * What the dashboard's one-time code stands for: a user the provider proved, not yet signed in; or a
 * provider account waiting for the signed-in owner of `userId` to confirm the link.
 */
export type Proven =
  | { kind: 'sign-in'; userId: string; provider: string }
  | { kind: 'link'; userId: string; provider: string; subject: string; email: string | null };

/** A one-time code lives this long: the dashboard spends it at once, on the page it was sent to. */
export const EXCHANGE_CODE_SECONDS = 60;

/**
 * The two short-lived secrets of a provider sign-in, in Redis so any replica can finish what another
 * started: the flow, keyed by its `state`, and the one-time code the dashboard exchanges for tokens.
 * Only hashes are keys, and both are taken with GETDEL: a state or a code is good for one answer.
 */
export class OidcFlows {
  constructor(
    private readonly redis: Redis,
    private readonly flowSeconds: number,
  ) {}

  async begin(state: string, flow: Flow): Promise<void> {
    await this.redis.set(`oidc:flow:${sha256(state)}`, JSON.stringify(flow), 'EX', this.flowSeconds);
  }

  async take(state: string): Promise<Flow | null> {
    const raw = await this.redis.getdel(`oidc:flow:${sha256(state)}`);
    return raw ? (JSON.parse(raw) as Flow) : null;
  }

  async issueCode(proven: Proven): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.redis.set(`oidc:code:${sha256(code)}`, JSON.stringify(proven), 'EX', EXCHANGE_CODE_SECONDS);
    return code;
  }

  async spendCode(code: string): Promise<Proven | null> {
    const raw = await this.redis.getdel(`oidc:code:${sha256(code)}`);
    return raw ? (JSON.parse(raw) as Proven) : null;
  }
}

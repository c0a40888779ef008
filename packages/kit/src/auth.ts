import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AuthChecker } from 'type-graphql';
import { Errors } from './errors.js';

export const ROLES = ['ADMIN', 'USER', 'AGENT', 'GUEST'] as const;
export type RoleName = (typeof ROLES)[number];

/** Who is calling. Anonymous callers are guests with no id. */
export interface Principal {
  id: string | null;
  role: RoleName;
  username?: string;
  /** Set when the caller authenticated with an API key (its id), for audit and limits. */
  apiKeyId?: string;
  /** Token expiry (epoch seconds); long-lived streams end when it passes. */
  expiresAt?: number;
  /** Token issue time (epoch seconds), compared with the user's revocation mark. */
  issuedAt?: number;
  /** The login (refresh-token family) the token belongs to; logout revokes it. */
  sessionId?: string;
}

export const GUEST: Principal = Object.freeze({ id: null, role: 'GUEST' });

export interface AccessClaims extends JWTPayload {
  sub: string;
  role: RoleName;
  username?: string;
  akid?: string;
  /** Session id: the refresh-token family; absent on tokens minted for API keys. */
  sid?: string;
}

/** The only algorithm we sign with; anything else (including `none`) is refused. */
export const JWT_ALG = 'EdDSA';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Identity's JWKS endpoint, or a local key set (identity itself). */
  jwksUrl?: string;
  keySet?: JWTVerifyGetKey;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Verifies access tokens against identity's JWKS. jose caches the key set and refetches
 * it (rate-limited) when a token names an unknown `kid`, so key rotation needs no restart.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys =
    options.keySet ??
    createRemoteJWKSet(new URL(options.jwksUrl ?? ''), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
    });
  return async (token) => {
    try {
      const { payload } = await jwtVerify<AccessClaims>(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [JWT_ALG],
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (!ROLES.includes(payload.role)) throw new Error('unknown role');
      return {
        id: payload.sub,
        role: payload.role,
        username: payload.username,
        apiKeyId: payload.akid,
        expiresAt: payload.exp,
        issuedAt: payload.iat,
        sessionId: payload.sid,
      };
    } catch {
      throw Errors.unauthenticated('Invalid or expired access token');
    }
  };
}

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}

export interface AuthContext {
  user: Principal;
}

/**
 * `@Authorized(...ANY_SIGNED_IN)`: any caller with an id, a GUEST-scoped API key included. For the few
 * fields that only show the caller themself or what is public anyway; everything else stays closed.
 */
export const ANY_SIGNED_IN: RoleName[] = ['USER', 'AGENT', 'GUEST'];

/**
 * What a bare `@Authorized()` admits: people (USER; ADMIN passes every check). An API key's role is a
 * ceiling, so a GUEST-scoped key gets nothing a resolver did not open to it on purpose. AGENT is the
 * automation role (keys for CI and bots, ranked between GUEST and USER): it runs agent work, which the
 * tasks subgraph opens with `@Authorized('USER', 'AGENT')`, and reaches nothing else unless named.
 */
const DEFAULT_ROLES: readonly RoleName[] = ['USER'];

/**
 * type-graphql's role check. `@Authorized()` means "a signed-in USER (or ADMIN)";
 * `@Authorized('USER', 'AGENT')` lists the roles allowed. ADMIN passes every check.
 */
export const authChecker: AuthChecker<AuthContext, RoleName> = ({ context }, roles) => {
  const { user } = context;
  if (!user.id) throw Errors.unauthenticated();
  if (user.role === 'ADMIN') return true;
  const allowed = roles.length === 0 ? DEFAULT_ROLES : roles;
  if (!allowed.includes(user.role)) throw Errors.forbidden(`Requires role ${allowed.join(' or ')}`);
  return true;
};

/** True when the caller is user `userId` or an ADMIN; a guest is never anyone's self. */
export const isSelfOrAdmin = (caller: Principal, userId: string | null | undefined): boolean =>
  caller.role === 'ADMIN' || (caller.id !== null && caller.id === userId);

/**
 * "Only that user and admins": one answer everywhere. No caller: UNAUTHENTICATED (signing in may
 * help); a signed-in other user: FORBIDDEN (nothing will). Fields that hide rather than refuse
 * (a private email reads as null) use `isSelfOrAdmin`.
 */
export function requireSelfOrAdmin(
  caller: Principal,
  userId: string,
  message = 'Only that user and admins may see this',
): void {
  if (!caller.id) throw Errors.unauthenticated();
  if (!isSelfOrAdmin(caller, userId)) throw Errors.forbidden(message);
}

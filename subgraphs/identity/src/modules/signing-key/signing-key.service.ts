import type { MikroORM } from '@mikro-orm/postgresql';
import { type AccessClaims, JWT_ALG, type RoleName, withAdvisoryLock } from '@trae/kit';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import { SigningKey } from './signing-key.entity.js';

interface ActiveKey {
  kid: string;
  key: Awaited<ReturnType<typeof importJWK>>;
}

export interface SignOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Holds the signing key, signs access tokens and publishes the JWKS. */
export class KeyService {
  private constructor(
    private readonly active: ActiveKey,
    private readonly jwks: JSONWebKeySet,
    private readonly options: SignOptions,
  ) {}

  /**
   * With `JWT_PRIVATE_KEY` the key comes from the environment. Otherwise every instance uses the
   * oldest unretired key in the database, generating one on first boot.
   */
  static async load(orm: MikroORM, options: SignOptions, privateKeyPem?: string): Promise<KeyService> {
    if (privateKeyPem) {
      const key = await importPKCS8(privateKeyPem, JWT_ALG, { extractable: true });
      const publicJwk = await publicOf(await exportJWK(key));
      const kid = await calculateJwkThumbprint(publicJwk);
      return new KeyService(
        { kid, key },
        { keys: [{ ...publicJwk, kid, alg: JWT_ALG, use: 'sig' }] },
        options,
      );
    }
    const unretired = () =>
      orm.em.fork().find(SigningKey, { retiredAt: null }, { orderBy: { createdAt: 'asc', kid: 'asc' } });
    let rows = await unretired();
    if (rows.length === 0)
      // Replicas booting together on an empty database take turns: one generates, the others find it.
      rows = await withAdvisoryLock(orm, 'identity:first-signing-key', async () => {
        if ((await unretired()).length === 0) await insertNewKey(orm);
        return unretired();
      });
    const [first] = rows;
    const key = await importJWK(first.privateJwk, JWT_ALG);
    const keys = rows.map((r) => ({ ...r.publicJwk, kid: r.kid, alg: JWT_ALG, use: 'sig' }));
    return new KeyService({ kid: first.kid, key }, { keys }, options);
  }

  get publicKeySet(): JSONWebKeySet {
    return this.jwks;
  }

  /** For verifying our own tokens in-process, without fetching our own JWKS over HTTP. */
  localKeySet(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  async signAccessToken(
    user: { id: string; role: RoleName; username: string },
    extra: { ttlSeconds?: number; apiKeyId?: string; sessionId?: string } = {},
  ): Promise<{ token: string; expiresIn: number; expiresAt: number }> {
    const expiresIn = extra.ttlSeconds ?? this.options.ttlSeconds;
    const now = Math.floor(Date.now() / 1000);
    const claims: Partial<AccessClaims> = { role: user.role, username: user.username };
    if (extra.apiKeyId) claims.akid = extra.apiKeyId;
    // The session (refresh-token family) lets logout revoke this token without knowing it.
    if (extra.sessionId) claims.sid = extra.sessionId;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: JWT_ALG, kid: this.active.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(crypto.randomUUID())
      .sign(this.active.key);
    return { token, expiresIn, expiresAt: now + expiresIn };
  }
}

async function insertNewKey(orm: MikroORM): Promise<void> {
  const pair = await generateKeyPair(JWT_ALG, { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  await orm.em
    .getConnection()
    .execute(
      'insert into signing_keys (kid, private_jwk, public_jwk) values (?, ?, ?) on conflict do nothing',
      [kid, JSON.stringify(await exportJWK(pair.privateKey)), JSON.stringify(publicJwk)],
    );
}

async function publicOf(jwk: JWK): Promise<JWK> {
  const { d: _private, ...pub } = jwk;
  return pub;
}

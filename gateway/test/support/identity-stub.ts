import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const ISSUER = 'trae-identity';
export const AUDIENCE = 'trae-platform';
export const KID = 'test-key-1';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface ApiKeyRecord {
  apiKeyId: string;
  userId: string;
  role: string;
  /** Lifetime of the minted token. @default 600 */
  ttlSeconds?: number;
}

export interface IdentityStub {
  url: string;
  /** Signs an access token the way identity does; override claims or timing per test. */
  sign(
    claims?: JWTPayload & { role?: string },
    options?: { key?: PrivateKey; expiresIn?: string | number; iat?: number },
  ): Promise<string>;
  /** A key pair identity does not publish, for forgeries. */
  otherKey: PrivateKey;
  apiKeys: Map<string, ApiKeyRecord>;
  counts: { exchange: number; jwks: number };
  /** Makes the exchange answer slowly, to open race windows on purpose. */
  settings: { exchangeDelayMs: number };
  stop(): Promise<void>;
}

/** Stands in for identity's JWKS and API-key exchange, so gateway tests do not need the real subgraph. */
export async function startIdentityStub(): Promise<IdentityStub> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'EdDSA', use: 'sig' };
  const counts = { exchange: 0, jwks: 0 };
  const apiKeys = new Map<string, ApiKeyRecord>();
  const settings = { exchangeDelayMs: 0 };

  const sign: IdentityStub['sign'] = async (claims = {}, options = {}) => {
    const { sub = 'u1', role = 'USER', ...rest } = claims;
    return new SignJWT({ role, ...rest })
      .setProtectedHeader({ alg: 'EdDSA', kid: KID, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(options.iat)
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(options.key ?? privateKey);
  };

  const app = express();
  app.get('/.well-known/jwks.json', (_req, res) => {
    counts.jwks += 1;
    res.json({ keys: [jwk] });
  });
  app.post('/internal/api-keys/exchange', express.json(), async (req, res) => {
    counts.exchange += 1;
    if (settings.exchangeDelayMs)
      await new Promise((resolve) => setTimeout(resolve, settings.exchangeDelayMs));
    const record = apiKeys.get(String(req.body?.apiKey));
    if (!record) {
      res.status(401).json({ error: 'invalid api key' });
      return;
    }
    const expiresAt = Math.floor(Date.now() / 1000) + (record.ttlSeconds ?? 600);
    const accessToken = await sign(
      { sub: record.userId, role: record.role, akid: record.apiKeyId },
      { expiresIn: expiresAt },
    );
    res.json({ accessToken, expiresAt, apiKeyId: record.apiKeyId });
  });

  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    sign,
    otherKey: other.privateKey,
    apiKeys,
    counts,
    settings,
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

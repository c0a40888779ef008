import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { JWT_ALG, type RoleName } from '../auth.js';

export interface IdentityKeys {
  /** Base URL to give a service as IDENTITY_URL. */
  url: string;
  /** An access token for `sub` with `role`, as identity would sign it. */
  sign(role: RoleName, sub?: string, ttlSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stands in for identity's signing key: an Ed25519 pair whose public half is served at
 * `/.well-known/jwks.json`, so a service under test verifies tokens exactly as in production,
 * without an identity process.
 */
export async function startIdentityKeys(
  issuer = 'trae-identity',
  audience = 'trae-platform',
): Promise<IdentityKeys> {
  const { privateKey, publicKey } = await generateKeyPair(JWT_ALG);
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: JWT_ALG, use: 'sig' }],
  });
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sign: (
      role,
      sub = role === 'ADMIN'
        ? '00000000-0000-4000-8000-000000000001'
        : '00000000-0000-4000-8000-000000000002',
      ttl = 600,
    ) =>
      new SignJWT({ role, username: role.toLowerCase() })
        .setProtectedHeader({ alg: JWT_ALG, kid: 'test' })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

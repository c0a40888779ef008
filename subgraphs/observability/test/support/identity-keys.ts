import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface IdentityKeys {
  url: string;
  sign(role: 'ADMIN' | 'USER', sub?: string, ttlSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Stands in for identity's signing key: an Ed25519 pair whose public half is served at
 * `/.well-known/jwks.json`, so the service under test verifies tokens exactly as in production.
 */
export async function startIdentityKeys(
  issuer = 'trae-identity',
  audience = 'trae-platform',
): Promise<IdentityKeys> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'EdDSA', use: 'sig' }],
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
        .setProtectedHeader({ alg: 'EdDSA', kid: 'test' })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

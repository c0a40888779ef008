import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { JWT_ALG, type RoleName } from '../auth.js';

export interface IdentityKeys {
  /** Base URL to give a service as IDENTITY_URL. */
  url: string;
  /** An access token for `sub` with `role`, as identity would sign it. */
  sign(role: RoleName, sub?: string, ttlSeconds?: number): Promise<string>;
  /**
   * The users identity's `/internal/users/:id` and `/internal/users/:id/authority` answer for (any
   * INTERNAL_SECRET is taken): each `sign` records its subject with that role; change one to play a
   * demotion, a disable or a new email.
   */
  users: Map<string, TestIdentityUser>;
  close(): Promise<void>;
}

export interface TestIdentityUser {
  role: RoleName;
  disabled: boolean;
  username: string;
  email: string;
}

const USER_PATH = /^\/internal\/users\/([^/?]+)(\/authority)?$/;

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
  const users = new Map<string, TestIdentityUser>();
  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/jwks.json') return void json(200, JSON.parse(jwks));
    const match = USER_PATH.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    if (!req.headers['x-internal-auth']) return void json(403, { code: 'FORBIDDEN' });
    const id = decodeURIComponent(match[1]);
    const user = users.get(id);
    if (!user) return void json(404, { code: 'NOT_FOUND', message: 'User not found' });
    if (match[2]) return void json(200, { id, role: user.role, disabled: user.disabled });
    json(200, { id, ...user });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    users,
    sign: (
      role,
      sub = role === 'ADMIN'
        ? '00000000-0000-4000-8000-000000000001'
        : '00000000-0000-4000-8000-000000000002',
      ttl = 600,
    ) => {
      const username = `${role.toLowerCase()}-${sub.slice(0, 8)}`;
      users.set(sub, { role, disabled: false, username, email: `${username}@example.com` });
      return new SignJWT({ role, username: role.toLowerCase() })
        .setProtectedHeader({ alg: JWT_ALG, kid: 'test' })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Membership } from '@trae/kit';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestUser {
  id: string;
  role: 'ADMIN' | 'USER' | 'AGENT' | 'GUEST';
  token: string;
}

export interface StandIns {
  url: string;
  /** A token for a new user, or for `id` (a user an older database already knows). */
  user(role?: TestUser['role'], id?: string): Promise<TestUser>;
  setMember(channelId: string, userId: string, member: Membership | null): void;
  /** How many membership questions channels was asked. */
  readonly membershipCalls: number;
  stop(): Promise<void>;
}

/**
 * The two routes of other teams' services that files calls: identity's JWKS (tokens are signed here the
 * way identity signs them) and channels' membership route from the cross-service agreement.
 */
export async function startStandIns(secret: string): Promise<StandIns> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'EdDSA' }] });
  const members = new Map<string, Membership>();
  let membershipCalls = 0;
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.setHeader('content-type', 'application/json');
      res.end(jwks);
      return;
    }
    const match = /^\/internal\/channels\/([^/]+)\/members\/([^/]+)$/.exec(req.url ?? '');
    if (!match) {
      res.statusCode = 404;
      res.end();
      return;
    }
    membershipCalls++;
    if (req.headers['x-internal-auth'] !== secret) {
      res.statusCode = 403;
      res.end();
      return;
    }
    const member = members.get(`${match[1]}:${match[2]}`);
    res.statusCode = member ? 200 : 404;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(member ?? { code: 'NOT_FOUND' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async user(role = 'USER', id = randomUUID()) {
      const token = await new SignJWT({ role, username: `u-${id.slice(0, 8)}` })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'test' })
        .setSubject(id)
        .setIssuer('trae-identity')
        .setAudience('trae-platform')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      return { id, role, token };
    },
    setMember(channelId, userId, member) {
      if (member) members.set(`${channelId}:${userId}`, member);
      else members.delete(`${channelId}:${userId}`);
    },
    get membershipCalls() {
      return membershipCalls;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

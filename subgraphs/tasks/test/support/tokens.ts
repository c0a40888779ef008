import { randomUUID } from 'node:crypto';
import { createTokenVerifier, type RoleName, type TokenVerifier } from '@trae/kit';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface Caller {
  id: string;
  role: RoleName;
  token: string;
}

/** Signs access tokens the way identity does (EdDSA), verified by the subgraph with the matching key set. */
export async function createTokens(issuer = 'trae-identity', audience = 'trae-platform') {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'test', alg: 'EdDSA' }] };
  const verifyToken: TokenVerifier = createTokenVerifier({
    issuer,
    audience,
    keySet: createLocalJWKSet(jwks),
  });
  const sign = (sub: string, role: RoleName, ttlSeconds = 3600) =>
    new SignJWT({ role, username: `u-${sub.slice(0, 6)}` })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'test' })
      .setSubject(sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(privateKey);
  const caller = async (role: RoleName): Promise<Caller> => {
    const id = randomUUID();
    return { id, role, token: await sign(id, role) };
  };
  return { verifyToken, sign, caller };
}

import { createOrm, createTokenVerifier } from '@trae/kit';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import { KeyService } from '../src/modules/signing-key/signing-key.service.js';
import { entities } from '../src/server.js';
import { type Harness, startIdentity } from './setup.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('identity: signing keys and JWKS', () => {
  let h: Harness;
  let token: string;
  let jwks: JSONWebKeySet;

  beforeAll(async () => {
    h = await startIdentity();
    const login = await h.gql<{ login: { accessToken: string } }>(
      'mutation { login(input: { login: "admin", password: "root-password-123" }) { accessToken } }',
    );
    token = login.data!.login.accessToken;
    jwks = (await request(h.identity.app).get('/.well-known/jwks.json').expect(200)).body;
  });
  afterAll(() => h.stop());

  const verifier = () =>
    createTokenVerifier({
      issuer: 'trae-identity',
      audience: 'trae-platform',
      keySet: createLocalJWKSet(jwks),
    });

  it('publishes public keys only and signs 15-minute EdDSA tokens', async () => {
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(await verifier()(token)).toMatchObject({ role: 'ADMIN', username: 'admin' });
  });

  it('refuses tampered and alg:none tokens', async () => {
    const [header, payload, signature] = token.split('.');
    const elevated = b64({ ...decodeJwt(token), role: 'ADMIN', sub: '00000000-0000-4000-8000-000000000000' });
    await expect(verifier()(`${header}.${elevated}.${signature}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    await expect(verifier()(none)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const me = await h.gql('{ me { id } }', {}, none);
    expect(me.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('gives a second instance on the same database the same key', async () => {
    const orm = await createOrm({ databaseUrl: h.db.url, schema: 'identity', entities, migrations });
    const second = await KeyService.load(orm, {
      issuer: 'trae-identity',
      audience: 'trae-platform',
      ttlSeconds: 900,
    });
    await orm.close();
    expect(second.publicKeySet.keys.map((k) => k.kid)).toEqual(jwks.keys.map((k) => k.kid));
    const fromSecond = await second.signAccessToken({
      id: '00000000-0000-4000-8000-000000000001',
      role: 'USER',
      username: 'x',
    });
    expect(await verifier()(fromSecond.token)).toMatchObject({ username: 'x' });
  });
});

import { internalHeaders } from '@trae/kit';
import { gatewayHeaders } from '@trae/kit/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

/** Outside GraphQL, identity answers errors in the kit's one JSON shape, never Express's HTML page. */
describe('identity: errors outside GraphQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIdentity();
  });
  afterAll(() => h.stop());

  const shapeOf = (res: request.Response) => ({
    status: res.status,
    json: res.type === 'application/json',
    code: res.body?.errors?.[0]?.extensions?.code,
    requestId: res.headers['x-request-id'],
  });

  it('answers an unknown route with a JSON 404 carrying the request id', async () => {
    const res = await request(h.identity.app).get('/no/such/route').set('x-request-id', 'probe-404');
    expect(shapeOf(res)).toEqual({ status: 404, json: true, code: 'NOT_FOUND', requestId: 'probe-404' });
    expect(res.text).not.toMatch(/<html|<pre>/i);
  });

  it('answers /internal without the secret with a JSON 403', async () => {
    const res = await request(h.identity.app).post('/internal/api-keys/exchange').send({ apiKey: 'x' });
    expect(shapeOf(res)).toMatchObject({ status: 403, json: true, code: 'FORBIDDEN' });
  });

  it('answers an unknown API key with a JSON 401', async () => {
    const res = await request(h.identity.app)
      .post('/internal/api-keys/exchange')
      .set(internalHeaders('trae-dev-internal-secret-change-me'))
      .send({ apiKey: 'trae_not-a-key' });
    expect(shapeOf(res)).toMatchObject({ status: 401, json: true, code: 'UNAUTHENTICATED' });
  });

  it('answers a malformed or oversized /graphql body with BAD_USER_INPUT, not a stack trace', async () => {
    const malformed = await request(h.identity.app)
      .post('/graphql')
      .set(gatewayHeaders(h.secret))
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(shapeOf(malformed)).toMatchObject({ status: 400, json: true, code: 'BAD_USER_INPUT' });
    expect(malformed.text).not.toMatch(/at .*\.js|SyntaxError/);

    const huge = await request(h.identity.app)
      .post('/graphql')
      .set(gatewayHeaders(h.secret))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ me { id } }${' '.repeat(2 * 1024 * 1024)}` }));
    expect(shapeOf(huge)).toMatchObject({ status: 413, json: true, code: 'BAD_USER_INPUT' });
  });
});

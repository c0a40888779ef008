import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

describe('federation through the gateway', () => {
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    gw = await startGateway(stack);
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('sends each subgraph to its <NAME>_URL override, else to the composed URL', () => {
    const byName = Object.fromEntries(gw.gateway.subgraphs.map((s) => [s.name, s]));
    expect(byName.accounts.graphqlUrl).toBe(`${stack.accounts.baseUrl}/graphql`);
    expect(byName.reviews.graphqlUrl).toBe(`${stack.reviews.baseUrl}/graphql`);
  });

  it('forwards the bearer token and the request id to subgraphs', async () => {
    const token = await stack.identity.sign({ sub: 'u1' });

    const { status, body, headers } = await gql(gw.url, '{ me { authorization requestId } }', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'req-abc-123',
    });

    expect(status).toBe(200);
    expect(body.data).toEqual({ me: { authorization: `Bearer ${token}`, requestId: 'req-abc-123' } });
    expect(headers.get('x-request-id')).toBe('req-abc-123');
  });

  it("passes the caller's user agent on (identity names a session's device from it)", async () => {
    const agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const { body } = await gql(gw.url, '{ me { userAgent } }', { 'user-agent': agent });
    expect(body.data).toEqual({ me: { userAgent: agent } });
  });

  it('forwards no authorization for guests, and a generated request id', async () => {
    const { body, headers } = await gql(gw.url, '{ me { authorization requestId } }');

    const me = body.data?.me as { authorization: string | null; requestId: string };
    expect(me.authorization).toBeNull();
    expect(me.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get('x-request-id')).toBe(me.requestId);
  });

  it('replaces a malformed x-request-id with its own before it reaches a subgraph or a log', async () => {
    for (const given of ['x'.repeat(65), '-leading-dash', 'has space', 'semi;colon', '%0aSET']) {
      const { body, headers } = await gql(gw.url, '{ me { requestId } }', { 'x-request-id': given });
      const requestId = (body.data?.me as { requestId: string } | undefined)?.requestId;
      expect(requestId, given).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers.get('x-request-id')).toBe(requestId);
    }
  });

  it('resolves an entity across subgraphs', async () => {
    const { body } = await gql(
      gw.url,
      '{ user(id: "u1") { id username reviews { body author { username } } } }',
    );

    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      user: {
        id: 'u1',
        username: 'alice',
        reviews: [{ body: 'great review by u1', author: { username: 'alice' } }],
      },
    });
  });

  it("returns a subgraph's FORBIDDEN with its code and serviceName, and no stack trace", async () => {
    const { status, body } = await gql(gw.url, '{ user(id: "u1") { username forbidden } }');

    expect(status).toBe(200);
    expect(body.data).toEqual({ user: { username: 'alice', forbidden: null } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].message).toBe('Only moderators may read this');
    expect(body.errors?.[0].path).toEqual(['user', 'forbidden']);
    expect(body.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', serviceName: 'reviews' });
  });

  it("turns a subgraph's plain Error into INTERNAL_SERVER_ERROR without stack, exception or message", async () => {
    const direct = await gql(
      stack.reviews.baseUrl,
      '{ _entities(representations: [{ __typename: "User", id: "u1" }]) { ... on User { broken } } }',
    );
    // The subgraph itself leaks both; the gateway must not pass them on.
    expect(JSON.stringify(direct.body)).toContain('stacktrace');
    expect(JSON.stringify(direct.body)).toContain('db-secret-host');

    const { body } = await gql(gw.url, '{ user(id: "u1") { broken } }');

    const [error] = body.errors ?? [];
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', serviceName: 'reviews' });
    expect(error.message).toBe('Internal server error');
    const raw = JSON.stringify(body);
    expect(raw).not.toContain('stacktrace');
    expect(raw).not.toContain('exception');
    expect(raw).not.toContain('db-secret-host');
  });

  it('answers malformed operations with BAD_USER_INPUT', async () => {
    const { status, body } = await gql(gw.url, '{ user(id: "u1") { nope } }');

    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exposes RED metrics and the per-subgraph fetch histogram', async () => {
    await gql(gw.url, 'query Profile { user(id: "u1") { username reviews { body } } }');

    const res = await fetch(`${gw.url}/metrics`);
    const text = await res.text();

    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/^http_requests_total\{.*route="\/graphql".*\} \d+/m);
    expect(text).toMatch(/^gateway_subgraph_fetch_duration_seconds_count\{.*subgraph="accounts".*\} [1-9]/m);
    expect(text).toMatch(/^gateway_subgraph_fetch_duration_seconds_count\{.*subgraph="reviews".*\} [1-9]/m);
    expect(text).toMatch(/^graphql_operations_total\{.*operation="Profile".*\} 1/m);
  });
});

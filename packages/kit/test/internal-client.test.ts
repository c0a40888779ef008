import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Errors, toClientError } from '../src/errors.js';
import { errorHandler, sendError } from '../src/http-errors.js';
import { INTERNAL_AUTH_HEADER, requireInternal } from '../src/internal.js';
import { ChannelsClient } from '../src/internal-api.js';
import { errorCode, InternalClient } from '../src/internal-client.js';
import { createLogger } from '../src/logger.js';

const SECRET = 'kit-internal-client-secret-0123456789';
const echo = z.object({
  method: z.string(),
  secret: z.string(),
  requestId: z.string().nullable(),
  q: z.unknown(),
});

/** A real service's internal routes, built from the kit's own pieces (requireInternal, sendError). */
function upstream() {
  const app = express();
  const log = createLogger('upstream', 'silent');
  app.use((req, _res, next) => {
    req.log = log;
    next();
  });
  app.use('/internal', requireInternal(SECRET));
  app.all('/internal/echo', express.json(), (req, res) => {
    res.json({
      method: req.method,
      secret: req.header(INTERNAL_AUTH_HEADER),
      requestId: req.header('x-request-id') ?? null,
      q: req.method === 'POST' ? req.body : req.query,
    });
  });
  app.get('/internal/slow', async (_req, res) => {
    await sleep(1_000);
    res.json({ late: true });
  });
  app.get('/internal/trickle', async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first ');
    await sleep(400);
    res.end('last');
  });
  app.get('/internal/crash', () => {
    throw new Error('db-secret-host refused');
  });
  app.get('/internal/not-json', (_req, res) => res.type('text/html').send('<html>proxy page</html>'));
  app.get('/internal/wrong-shape', (_req, res) => res.json({ role: 'KING' }));
  app.get('/internal/refuse', (_req, res) => sendError(res, Errors.badInput('name', 'Name is taken')));
  app.get('/internal/bare-401', (_req, res) => res.status(401).json({ error: 'invalid api key' }));
  app.get('/internal/bare-405', (_req, res) => res.status(405).end());
  app.get('/internal/channels/:id/members/:userId', (req, res) => {
    if (req.params.userId !== 'member') return sendError(res, Errors.notFound('Membership'));
    res.json({ role: 'EDITOR', status: 'ARCHIVED', extra: 'dropped' });
  });
  app.use(errorHandler());
  return app;
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a call rejected with, for asserting on the coded error. */
async function failure(call: Promise<unknown>) {
  const err = await call.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e as Error & { extensions?: Record<string, unknown> },
  );
  return { code: errorCode(err), message: err.message, extensions: err.extensions };
}

describe('InternalClient', () => {
  let service: { server: Server; url: string };
  let client: InternalClient;

  beforeAll(async () => {
    service = await listen(upstream());
    client = new InternalClient({ service: 'upstream', baseUrl: `${service.url}/`, secret: SECRET });
  });
  afterAll(() => new Promise<void>((resolve) => service.server.close(() => resolve())));

  it('sends the secret and the request id, and returns the checked body', async () => {
    const got = await client.json('/internal/echo', echo, { requestId: 'req-42', query: { a: '1' } });
    expect(got).toEqual({ method: 'GET', secret: SECRET, requestId: 'req-42', q: { a: '1' } });

    const posted = await client.json('/internal/echo', echo, { body: { apiKey: 'k' } });
    expect(posted).toMatchObject({ method: 'POST', requestId: null, q: { apiKey: 'k' } });
  });

  it('answers a 404 with null from find, and with NOT_FOUND from json', async () => {
    const channels = new ChannelsClient(service.url, SECRET);
    expect(await channels.membership('c1', 'stranger')).toBeNull();
    expect(await channels.membership('c1', 'member')).toEqual({ role: 'EDITOR', status: 'ARCHIVED' });
    expect((await failure(client.json('/internal/nowhere', echo))).code).toBe('NOT_FOUND');
  });

  it('gives up after its timeout with SERVICE_UNAVAILABLE naming the service', async () => {
    const started = performance.now();
    const err = await failure(client.json('/internal/slow', z.unknown(), { timeoutMs: 200 }));
    expect(performance.now() - started).toBeLessThan(900);
    expect(err).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The upstream service is unavailable (no answer within 200 ms); retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'upstream' },
    });
  });

  it("rejects with the caller's own abort reason, not as an outage", async () => {
    const cancelled = new AbortController();
    setTimeout(() => cancelled.abort(new Error('task cancelled')), 100);
    await expect(client.json('/internal/slow', z.unknown(), { signal: cancelled.signal })).rejects.toThrow(
      'task cancelled',
    );
  });

  it('times a stream out only until its headers: the caller reads a slow body in full', async () => {
    const res = await client.open('/internal/trickle', { timeoutMs: 200 });
    expect(await res.text()).toBe('first last');
  });

  it('turns a 5xx into SERVICE_UNAVAILABLE without the upstream message', async () => {
    const err = await failure(client.json('/internal/crash', z.unknown()));
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.message).toBe('The upstream service is unavailable (answered HTTP 500); retry shortly');
    expect(JSON.stringify(err)).not.toContain('db-secret-host');
  });

  it('turns a refused connection into SERVICE_UNAVAILABLE without host or port', async () => {
    const closed = await listen(express());
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const down = new InternalClient({ service: 'files', baseUrl: closed.url, secret: SECRET });

    const err = await failure(down.json('/internal/echo', echo));

    expect(err).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The files service is unavailable (unreachable); retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'files' },
    });
  });

  it('turns a body that is not JSON, or fails its check, into SERVICE_UNAVAILABLE', async () => {
    const notJson = await failure(client.json('/internal/not-json', z.unknown()));
    const wrongShape = await failure(
      new InternalClient({ service: 'channels', baseUrl: service.url, secret: SECRET }).json(
        '/internal/wrong-shape',
        z.object({ role: z.enum(['OWNER']) }),
      ),
    );

    expect(notJson.message).toBe(
      'The upstream service is unavailable (answered a body that is not JSON); retry shortly',
    );
    expect(wrongShape.message).toBe(
      'The channels service is unavailable (answered a body that fails its check); retry shortly',
    );
  });

  it("passes on the upstream's own code, message and extensions when it refuses with one", async () => {
    const refused = await failure(client.json('/internal/refuse', z.unknown()));
    expect(refused).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Name is taken',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  it('answers a refused INTERNAL_SECRET as our fault, never as the user being FORBIDDEN', async () => {
    const wrong = new InternalClient({ service: 'upstream', baseUrl: service.url, secret: 'another-secret' });
    const err = await wrong.json('/internal/echo', echo).catch((e: GraphQLError) => e);
    expect(err).toBeInstanceOf(GraphQLError);
    expect(errorCode(err)).toBe('INTERNAL_SERVER_ERROR');
    expect((err as GraphQLError).message).toBe('Internal server error');
    // The log line (the error's cause) says what is wrong, naming the variable and never its value.
    expect((err as GraphQLError).originalError?.message).toMatch(/upstream refused .*INTERNAL_SECRET/);
    expect(
      toClientError(
        { message: (err as GraphQLError).message, extensions: (err as GraphQLError).extensions },
        err,
      ),
    ).toEqual(
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    );
  });

  it("reads a bare refusal by its status's code, and one the registry has no code for as our own bug", async () => {
    expect((await failure(client.json('/internal/bare-401', z.unknown()))).code).toBe('UNAUTHENTICATED');
    expect((await failure(client.json('/internal/bare-405', z.unknown()))).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Errors, sendError } from '@trae/kit';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

/**
 * Stands in for the webhooks service's receive route past a source's rate limit: the kit's
 * `RATE_LIMITED` error with Retry-After, as that route answers it. Records what reached it.
 */
function webhooksService() {
  const seen: { url?: string; headers?: Record<string, unknown>; body?: string } = {};
  const app = express();
  app.post('/webhooks/:source', express.raw({ type: () => true }), (req, res) => {
    Object.assign(seen, { url: req.url, headers: req.headers, body: String(req.body) });
    res.setHeader('retry-after', '37');
    res.setHeader('x-internal-detail', 'stays inside');
    sendError(res, Errors.rateLimited(37));
  });
  return { app, seen };
}

describe('POST /webhooks/:source through the gateway', () => {
  const upstream = webhooksService();
  let server: Server;
  let direct: string;
  let stack: Stack;
  let gw: RunningGateway;

  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = upstream.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (server.address() as AddressInfo).port;
    direct = `http://127.0.0.1:${port}`;
    stack = await startStack();
    gw = await startGateway(stack, { WEBHOOKS_URL: `http://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("hands the sender the service's 429, its Retry-After and its body unchanged", async () => {
    // Arrange
    const payload = '{"event":"push","n":1}';
    const send = (base: string) =>
      fetch(`${base}/webhooks/busy`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': 'v1,c2lnbmF0dXJl',
        },
        body: payload,
      });
    const fromService = await (await send(direct)).text();

    // Act
    const res = await send(gw.url);

    // Assert
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('37');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-internal-detail')).toBeNull();
    const body = await res.text();
    expect(body).toBe(fromService);
    expect(JSON.parse(body).errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 37 });
    expect(upstream.seen).toMatchObject({ url: '/webhooks/busy', body: payload });
    expect(upstream.seen.headers?.['webhook-id']).toBe('msg_1');
  });
});

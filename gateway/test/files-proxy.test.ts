import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCaller, createLogger, requestIdMiddleware } from '@trae/kit';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesProxy } from '../src/http/files-proxy.js';

const MiB = 1024 * 1024;
const SECRET = 'files-proxy-test-internal-secret';
const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/** Stands in for the files service, and records what reached it. */
function upstream() {
  const seen = { received: 0, sent: 0, aborted: false, headers: {} as IncomingMessage['headers'], url: '' };
  const server = createServer((req, res) => {
    seen.headers = req.headers;
    seen.url = req.url ?? '';
    if (req.url?.startsWith('/files/uploads/sink')) {
      const hash = createHash('sha256');
      seen.received = 0;
      seen.aborted = false;
      req.on('data', (chunk: Buffer) => {
        seen.received += chunk.length;
        hash.update(chunk);
      });
      req.on('close', () => {
        if (!req.complete) seen.aborted = true;
      });
      req.on('end', () => res.end(JSON.stringify({ bytes: seen.received, sha256: hash.digest('hex') })));
      return;
    }
    if (req.url?.startsWith('/files/uploads/refuse')) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end('{"errors":[{"extensions":{"code":"BAD_USER_INPUT"}}]}');
      return;
    }
    if (req.url?.startsWith('/files/big/content')) {
      // 256 MiB, written only as fast as the reader drains it.
      const chunk = randomBytes(64 * 1024);
      seen.sent = 0;
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(256 * MiB) });
      const pump = () => {
        while (seen.sent < 256 * MiB) {
          seen.sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    res.writeHead(206, {
      'content-type': 'image/png',
      'content-range': 'bytes 0-3/10',
      'content-disposition': 'inline; filename="a.png"',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-internal-detail': 'must not leak',
      etag: '"abc"',
    });
    res.end('PNG!');
  });
  return { server, seen };
}

describe('the /files proxy', () => {
  const up = upstream();
  let files: string;
  let gateway: Server;
  let url: string;

  beforeAll(async () => {
    files = await listen(up.server);
    const app = express();
    app.use(requestIdMiddleware(createLogger('gateway', 'silent')));
    app.use('/files', filesProxy(files, { internalSecret: SECRET, idleTimeoutMs: 5_000 }));
    app.use((_req, res) => {
      res.status(404).json({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    });
    gateway = createServer(app);
    url = await listen(gateway);
  });
  afterAll(async () => {
    await close(gateway);
    await close(up.server);
  });

  it('passes the path, query, range and auth up, and the content headers back', async () => {
    const res = await fetch(`${url}/files/abc/content?expires=1&signature=x`, {
      headers: {
        range: 'bytes=0-3',
        authorization: 'Bearer t',
        cookie: 'secret=1',
        'x-request-id': 'req-42',
      },
    });
    expect(up.seen.url).toBe('/files/abc/content?expires=1&signature=x');
    expect(up.seen.headers).toMatchObject({
      range: 'bytes=0-3',
      authorization: 'Bearer t',
      'x-request-id': 'req-42',
    });
    expect(up.seen.headers.cookie).toBeUndefined();
    // Signed as the gateway, over the id and the address it saw (defence in depth for the files service).
    expect(checkCaller({ headers: up.seen.headers } as IncomingMessage, SECRET)).toEqual({
      ok: true,
      via: 'gateway',
      clientIp: '127.0.0.1',
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-3/10');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="a.png"');
    expect(res.headers.get('etag')).toBe('"abc"');
    expect(res.headers.get('x-internal-detail')).toBeNull();
    expect(await res.text()).toBe('PNG!');
  });

  it('forwards only the public file routes', async () => {
    up.seen.url = '';
    for (const path of ['/files/abc', '/files/a/b/c', '/files/uploads', '/files/x/content/more']) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    }
    expect(up.seen.url).toBe('');
    expect((await fetch(`${url}/files/avatars/u1`)).status).toBe(206);
    expect(up.seen.url).toBe('/files/avatars/u1');
  });

  it('streams an upload through without waiting for the whole body', async () => {
    const first = randomBytes(MiB);
    const rest = randomBytes(7 * MiB);
    const done = new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
      const req = httpRequest(`${url}/files/uploads/sink`, { method: 'PUT' }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve(JSON.parse(body)));
      });
      req.on('error', reject);
      req.write(first);
      // The rest is sent only once the first MiB has reached the far side.
      const wait = setInterval(() => {
        if (up.seen.received >= MiB) {
          clearInterval(wait);
          req.end(rest);
        }
      }, 5);
    });
    const result = await done;
    expect(result.bytes).toBe(8 * MiB);
    expect(result.sha256).toBe(createHash('sha256').update(first).update(rest).digest('hex'));
  });

  it('holds a download back while the client is not reading', async () => {
    const res = await new Promise<IncomingMessage>((resolve) =>
      httpRequest(`${url}/files/big/content`, resolve).end(),
    );
    res.pause();
    await new Promise((r) => setTimeout(r, 300));
    // Socket buffers on both hops, not the 256 MiB file.
    expect(up.seen.sent).toBeLessThan(32 * MiB);
    let total = 0;
    res.on('data', (c: Buffer) => {
      total += c.length;
    });
    res.resume();
    await new Promise((r) => res.on('end', r));
    expect(total).toBe(256 * MiB);
  });

  it('cancels the upstream transfer when the client hangs up', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${url}/files/uploads/sink`, {
        method: 'PUT',
        headers: { 'content-length': 4 * MiB },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(randomBytes(MiB), () => setTimeout(() => req.destroy(), 50));
    });
    await expect.poll(() => up.seen.aborted).toBe(true);
  });

  it('relays an early refusal and closes the connection', async () => {
    const res = await fetch(`${url}/files/uploads/refuse`, { method: 'PUT', body: randomBytes(64 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('answers 502 with a code when the files service is down', async () => {
    const app = express();
    app.use(requestIdMiddleware(createLogger('gateway', 'silent')));
    app.use('/files', filesProxy('http://127.0.0.1:1', { internalSecret: SECRET }));
    const down = createServer(app);
    const downUrl = await listen(down);
    try {
      const res = await fetch(`${downUrl}/files/x/content`);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    } finally {
      await close(down);
    }
  });
});

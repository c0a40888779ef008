import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCaller, createLogger, requestIdMiddleware } from '@trae/kit';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcProxy } from '../src/http/oidc-proxy.js';

const SECRET = 'oidc-proxy-test-internal-secret';
const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('the /auth/oidc proxy', () => {
  const seen = { url: '', headers: {} as IncomingMessage['headers'] };
  // Stands in for identity: answers each leg with a redirect, as identity does.
  const identity = createServer((req, res) => {
    seen.url = req.url ?? '';
    seen.headers = req.headers;
    res.writeHead(302, {
      location: 'http://gateway.test/login/oidc#code=abc',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'set-cookie': 'trae_oidc=; Path=/auth/oidc/corp/callback; Max-Age=0; HttpOnly; SameSite=Lax',
      'x-internal-detail': 'must not leak',
    });
    res.end();
  });
  let gateway: Server;
  let url: string;

  beforeAll(async () => {
    const identityUrl = await listen(identity);
    const app = express();
    app.use(requestIdMiddleware(createLogger('gateway', 'silent')));
    app.get('/auth/oidc/:provider/:leg', oidcProxy(identityUrl, { internalSecret: SECRET }));
    app.use((_req, res) => res.status(404).json({ errors: [{ extensions: { code: 'NOT_FOUND' } }] }));
    gateway = createServer(app);
    url = await listen(gateway);
  });
  afterAll(async () => {
    await close(gateway);
    await close(identity);
  });

  it("passes the provider's answer up, signed as the gateway, and identity's redirect back", async () => {
    const res = await fetch(`${url}/auth/oidc/corp/callback?code=c0de&state=st4te`, {
      redirect: 'manual',
      headers: {
        cookie: 'session=1; trae_oidc=b1nd; other=2',
        authorization: 'Bearer t',
        'user-agent': 'Firefox/140',
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://gateway.test/login/oidc#code=abc');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-internal-detail')).toBeNull();
    expect(seen.url).toBe('/auth/oidc/corp/callback?code=c0de&state=st4te');
    expect(seen.headers['user-agent']).toBe('Firefox/140');
    expect(seen.headers.cookie).toBe('trae_oidc=b1nd');
    expect(res.headers.get('set-cookie')).toMatch(
      /^trae_oidc=; Path=\/auth\/oidc\/corp\/callback; Max-Age=0/,
    );
    expect(seen.headers.authorization).toBeUndefined();
    const caller = checkCaller({ headers: seen.headers } as IncomingMessage, SECRET);
    expect(caller).toMatchObject({ ok: true, via: 'gateway', clientIp: '127.0.0.1' });
  });

  it('forwards no other cookie, and only the start and callback legs', async () => {
    await fetch(`${url}/auth/oidc/corp/start`, { redirect: 'manual', headers: { cookie: 'session=1' } });
    expect(seen.url).toBe('/auth/oidc/corp/start');
    expect(seen.headers.cookie).toBeUndefined();
    seen.url = '';
    const res = await fetch(`${url}/auth/oidc/corp/anything`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(seen.url).toBe('');
  });
});

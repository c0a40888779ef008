import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { internalHeaders } from '../src/internal.js';
import { gatewaySignatureHeaders, requireTrustedCaller } from '../src/trusted-caller.js';

const SECRET = 'kit-trusted-caller-secret-0123456789';

/** The middleware createService mounts on /graphql, on a bare app that echoes what it learnt. */
function app() {
  const a = express();
  a.post('/graphql', requireTrustedCaller(SECRET), (req, res) => {
    res.json({ clientIp: req.clientIp });
  });
  return a;
}

const call = (headers: Record<string, string>) => request(app()).post('/graphql').set(headers).send({});

describe('requireTrustedCaller', () => {
  it('refuses a call with neither a gateway signature nor the internal secret', async () => {
    const res = await call({});
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('accepts a fresh gateway signature and believes the address it covers', async () => {
    const res = await call(gatewaySignatureHeaders(SECRET, 'req-1', '203.0.113.7'));
    expect(res.status).toBe(200);
    expect(res.body.clientIp).toBe('203.0.113.7');
  });

  it('refuses a stale signature, a forged one, and a swapped address or request id', async () => {
    const stale = gatewaySignatureHeaders(SECRET, 'req-2', '', Date.now() - 61_000);
    const forged = gatewaySignatureHeaders('some-other-secret-0123456789abcdef', 'req-3');
    const swappedIp = {
      ...gatewaySignatureHeaders(SECRET, 'req-4', '203.0.113.7'),
      'x-forwarded-for': '10.0.0.1',
    };
    const swappedId = { ...gatewaySignatureHeaders(SECRET, 'req-5'), 'x-request-id': 'req-6' };
    const garbled = { 'x-gateway-signature': 't=abc,v1=00' };
    for (const headers of [stale, forged, swappedIp, swappedId, garbled]) {
      expect((await call(headers)).status).toBe(403);
    }
  });

  it('accepts other services by the internal secret, without believing their forwarded address', async () => {
    const res = await call({ ...internalHeaders(SECRET), 'x-forwarded-for': '198.51.100.9' });
    expect(res.status).toBe(200);
    expect(res.body.clientIp).not.toBe('198.51.100.9');
    expect((await call(internalHeaders('wrong-secret-0123456789abcdef'))).status).toBe(403);
  });
});

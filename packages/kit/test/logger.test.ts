import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_STREAM, LogShipper } from '../src/log-shipping.js';
import { createLogger } from '../src/logger.js';
import { REDACTED, scrubSecrets } from '../src/redact.js';
import { testRedisPrefix, testRedisUrl } from '../src/testing/index.js';

/** A kit logger writing to memory, and its lines parsed back. */
function capture() {
  const raw: string[] = [];
  const log = createLogger('svc', 'trace', { write: (line: string) => void raw.push(line) });
  return { log, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SIGNED = '/files/7f1c/content?expires=1893456000&signature=c2lnbmF0dXJlLXZhbHVl';
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2lnbmVkLWJ5LWlkZW50aXR5';
const API_KEY = 'trae_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyz';

describe('logger redaction', () => {
  it('censors credential headers and fields at the top and nested', () => {
    const { log, lines } = capture();
    log.info(
      {
        req: { headers: { authorization: `Bearer ${JWT}`, cookie: 'sid=abc', 'x-internal-auth': 's3cr3t' } },
        res: { headers: { 'set-cookie': 'sid=abc; HttpOnly' } },
        input: { password: 'hunter2hunter2', refreshToken: 'rt-value', name: 'kept' },
        variables: { input: { apiKey: API_KEY } },
        password: 'top-level',
      },
      'request',
    );
    expect(lines()[0]).toMatchObject({
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'x-internal-auth': REDACTED } },
      res: { headers: { 'set-cookie': REDACTED } },
      input: { password: REDACTED, refreshToken: REDACTED, name: 'kept' },
      variables: { input: { apiKey: REDACTED } },
      password: REDACTED,
    });
  });

  it('strips signed URL query strings and tokens from any string field, message included', () => {
    const { log, raw, lines } = capture();
    log.info({ url: SIGNED, method: 'GET' }, 'request');
    log.warn(`download of http://gateway.local${SIGNED} failed for Bearer ${JWT}`);
    log.error({ err: new Error(`exchange refused ${API_KEY}`) }, 'api key');
    log.info({ databaseUrl: 'postgres://app:pa55word@db:5432/trae', nested: { link: `x?token=abc123&a=1` } });
    const text = raw.join('');
    for (const secret of ['c2lnbmF0dXJlLXZhbHVl', '1893456000', JWT, API_KEY.slice(5), 'pa55word', 'abc123'])
      expect(text).not.toContain(secret);
    const [request, warn, , db] = lines();
    expect(request.url).toBe(`/files/7f1c/content?expires=${REDACTED}&signature=${REDACTED}`);
    expect(warn.msg).toContain(`Bearer ${REDACTED}`);
    expect(db).toMatchObject({
      databaseUrl: `postgres://app:${REDACTED}@db:5432/trae`,
      nested: { link: `x?token=${REDACTED}&a=1` },
    });
  });

  it('never changes the object the caller logged', () => {
    const { log } = capture();
    const input = { headers: { authorization: 'Bearer abc' }, list: [{ token: 't' }] };
    log.info(input, 'call');
    expect(input).toEqual({ headers: { authorization: 'Bearer abc' }, list: [{ token: 't' }] });
  });

  it('leaves ordinary text alone', () => {
    const text = '{"msg":"GET /graphql?query=%7B%20me%20%7D ok","url":"https://example.com/a?page=2"}';
    expect(scrubSecrets(text)).toBe(text);
  });

  describe('on the shipped stream', () => {
    const redis = new Redis(testRedisUrl());
    const prefix = testRedisPrefix('redact');
    afterAll(async () => {
      await redis.del(`${prefix}${LOG_STREAM}`);
      redis.disconnect();
    });

    it('ships only redacted lines', async () => {
      const shipper = new LogShipper({ redisUrl: testRedisUrl(), prefix, service: 'files' });
      const log = createLogger('files', 'info', shipper);
      log.info({ url: SIGNED, req: { headers: { authorization: `Bearer ${JWT}` } } }, 'request');
      await shipper.close();
      const entries = (await redis.xrange(`${prefix}${LOG_STREAM}`, '-', '+')) as [string, string[]][];
      const shipped = entries.map(([, fields]) => fields[1]).join('');
      expect(shipped).toContain('"msg":"request"');
      expect(shipped).not.toContain('c2lnbmF0dXJlLXZhbHVl');
      expect(shipped).not.toContain(JWT);
    });
  });
});

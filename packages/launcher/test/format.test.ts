import { describe, expect, it } from 'vitest';
import { adminBanner, formatLogLine, parseFirstAdmin } from '../src/format.js';

const at = new Date(2025, 0, 2, 9, 5, 7);
const pino = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: at.getTime(), pid: 1, hostname: 'h', service: 'identity', ...fields });

describe('formatLogLine', () => {
  it('turns a pino line into time, service, level, message and fields', () => {
    const line = pino({ msg: 'request', method: 'GET', url: '/graphql', status: 200, ms: 3.2 });

    expect(formatLogLine(line, { name: 'identity' })).toBe(
      '09:05:07 identity INFO request method=GET url=/graphql status=200 ms=3.2',
    );
  });

  it('reads ISO times, pads the name, quotes values with spaces and prints objects as JSON', () => {
    const line = JSON.stringify({
      level: 40,
      time: at.toISOString(),
      msg: 'slow',
      note: 'a b',
      ctx: { n: 1 },
    });

    expect(formatLogLine(line, { name: 'gw', width: 8 })).toBe(
      '09:05:07 gw       WARN slow note="a b" ctx={"n":1}',
    );
  });

  it('puts an error message inline and its stack on the next lines', () => {
    const err = { type: 'Error', message: 'db down', stack: 'Error: db down\n    at connect (db.js:1:1)' };

    const out = formatLogLine(pino({ level: 50, msg: 'failed to start', err }), { name: 'identity' });

    expect(out).toBe('09:05:07 identity ERROR failed to start err="db down"\n    at connect (db.js:1:1)');
  });

  it('masks the first admin password in the stream; the launcher shows it in a box instead', () => {
    const line = pino({
      level: 40,
      msg: 'first admin created',
      username: 'admin',
      email: 'a@x.io',
      password: 'pw1',
    });

    expect(formatLogLine(line, { name: 'identity' })).toBe(
      '09:05:07 identity WARN first admin created username=admin email=a@x.io password=***',
    );
  });

  it('prints other lines as they are, behind the prefix', () => {
    expect(formatLogLine('node:internal boom', { name: 'identity', now: at })).toBe(
      '09:05:07 identity node:internal boom',
    );
    expect(formatLogLine('{"not":"pino"}', { name: 'x', now: at })).toBe('09:05:07 x {"not":"pino"}');
  });

  it('colours the name and a warning level on a terminal', () => {
    const out = formatLogLine(pino({ level: 40, msg: 'careful' }), { name: 'identity', color: 36 });

    expect(out).toContain('\x1b[36midentity\x1b[0m');
    expect(out).toContain('\x1b[33mWARN\x1b[0m');
  });
});

describe('first admin', () => {
  it('reads the credentials from identity’s line and nothing else', () => {
    const line = pino({
      level: 40,
      msg: 'first admin created',
      username: 'admin',
      email: 'a@x.io',
      password: 'pw1',
    });

    expect(parseFirstAdmin(line)).toEqual({ username: 'admin', email: 'a@x.io', password: 'pw1' });
    expect(parseFirstAdmin(pino({ msg: 'listening' }))).toBeNull();
    expect(parseFirstAdmin('first admin created')).toBeNull();
  });

  it('frames them in a box with straight edges', () => {
    const lines = adminBanner({ username: 'admin', email: 'a@x.io', password: 'pw1' }).split('\n');

    expect(lines.some((l) => l.includes('password  pw1'))).toBe(true);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

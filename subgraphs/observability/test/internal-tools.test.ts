import { internalHeaders } from '@trae/kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, INTERNAL_SECRET, startObservability } from './setup.js';
import { errorLine, line } from './support/ship.js';

/** Two users whose requests logged lines, as the kit binds `userId` to a request's lines. */
const ME = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000a2';

describe('internal routes for agent tools: logs, errors and metrics as the task’s creator', () => {
  let h: Harness;
  const get = (path: string, query: Record<string, string>, secret = INTERNAL_SECRET) =>
    request(h.obs.app).get(path).query(query).set(internalHeaders(secret));

  beforeAll(async () => {
    h = await startObservability();
    const now = Date.now();
    await h.obs.services.ingest.store([
      [`${now}-0`, line({ userId: ME, msg: 'my task queued', reqId: 'mine-1' })],
      [`${now}-1`, line({ userId: OTHER, msg: 'their task queued', reqId: 'theirs-1' })],
      [`${now}-2`, line({ msg: 'scrape finished' })],
      [`${now}-3`, errorLine('tasks', 'TypeError', 'mine broke', ['a (/app/x.js:1:1)'], { userId: ME })],
      [
        `${now}-4`,
        errorLine('files', 'RangeError', 'theirs broke', ['b (/app/y.js:2:2)'], { userId: OTHER }),
      ],
    ]);
    await h.obs.services.sql.query(
      `insert into metric_samples (time, service, name, value) values (now() - interval '1 minute', 'tasks', 'up', 1)`,
    );
  });
  afterAll(() => h?.stop());

  it('gives a user the lines of their own requests only, and ADMIN every line', async () => {
    const mine = await get('/internal/logs', { userId: ME, role: 'USER' });
    expect(mine.status).toBe(200);
    expect(mine.body.lines.map((l: { message: string }) => l.message).sort()).toEqual([
      'my task queued',
      'resolver failed',
    ]);
    expect(mine.body.lines[0]).toMatchObject({ service: 'tasks', level: expect.any(String) });
    const searched = await get('/internal/logs', { userId: ME, role: 'USER', search: 'their' });
    expect(searched.body.totalCount).toBe(0);
    const all = await get('/internal/logs', { userId: OTHER, role: 'ADMIN' });
    expect(all.body.totalCount).toBe(5);
    const errorsOnly = await get('/internal/logs', { userId: OTHER, role: 'ADMIN', level: 'ERROR' });
    expect(errorsOnly.body.totalCount).toBe(2);
  });

  it('gives a user the error groups their requests hit, without stacks; ADMIN all of them', async () => {
    const mine = await get('/internal/errors', { userId: ME, role: 'USER' });
    expect(mine.status).toBe(200);
    expect(mine.body.groups).toEqual([
      expect.objectContaining({ type: 'TypeError', message: 'mine broke', service: 'tasks', count: 1 }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('/app/x.js');
    const all = await get('/internal/errors', { userId: ME, role: 'ADMIN' });
    expect(all.body.groups.map((g: { type: string }) => g.type).sort()).toEqual(['RangeError', 'TypeError']);
  });

  it('serves metric series to people; refuses other roles, bad input and a wrong secret', async () => {
    const series = await get('/internal/metrics/series', {
      userId: ME,
      role: 'USER',
      name: 'up',
      step: '10',
    });
    expect(series.status).toBe(200);
    expect(series.body.points).toEqual([expect.objectContaining({ service: 'tasks', value: 1 })]);

    const unknown = await get('/internal/metrics/series', { userId: ME, role: 'USER', name: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const guest = await get('/internal/logs', { userId: ME, role: 'GUEST' });
    expect(guest.status).toBe(403);
    expect(guest.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await get('/internal/errors', { userId: 'me', role: 'USER' })).status).toBe(400);
    expect((await get('/internal/logs', { userId: ME, role: 'USER', level: 'LOUD' })).status).toBe(400);
    expect((await get('/internal/logs', { userId: ME, role: 'USER' }, 'x'.repeat(34))).status).toBe(403);
  });
});

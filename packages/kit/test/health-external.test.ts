import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { externalHandler } from '../src/health.js';

describe('/health/external', () => {
  it('says each outside service up or down, always 200, and shares one round among concurrent asks', async () => {
    let calls = 0;
    const app = express().get(
      '/health/external',
      externalHandler(
        {
          s3: async () => {
            calls++;
            await new Promise((resolve) => setTimeout(resolve, 50));
          },
          smtp: async () => {
            throw new Error('The smtp service is unavailable (unreachable); retry shortly');
          },
        },
        1_000,
      ),
    );

    const answers = await Promise.all([1, 2, 3].map(() => request(app).get('/health/external')));

    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.checks.s3).toMatchObject({ status: 'up' });
      expect(res.body.checks.smtp).toMatchObject({
        status: 'down',
        error: 'The smtp service is unavailable (unreachable); retry shortly',
      });
    }
    expect(calls).toBe(1);
    await request(app).get('/health/external');
    expect(calls).toBe(2);
  });

  it('marks a check that does not answer in time as down', async () => {
    const app = express().get(
      '/health/external',
      externalHandler({ s3: () => new Promise(() => undefined) }, 100),
    );

    const res = await request(app).get('/health/external');

    expect(res.body.checks.s3).toMatchObject({ status: 'down', error: 'timed out after 100 ms' });
  });
});

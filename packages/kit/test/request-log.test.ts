import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { requestIdMiddleware } from '../src/request.js';

/** The `request` lines an app with these quiet paths writes, with their pino levels (20 debug, 30 info). */
async function requestLines(quiet: (string | RegExp)[] | undefined, paths: string[]) {
  const raw: string[] = [];
  const log = createLogger('svc', 'debug', { write: (line: string) => void raw.push(line) });
  const app = express().use(quiet ? requestIdMiddleware(log, quiet) : requestIdMiddleware(log));
  app.use((_req, res) => void res.send('ok'));
  for (const path of paths) await request(app).get(path);
  return raw
    .map((line) => JSON.parse(line) as { msg: string; url: string; level: number })
    .filter((line) => line.msg === 'request')
    .map(({ url, level }) => ({ url, level }));
}

describe('request lines', () => {
  it('writes probes at debug and the rest at info by default', async () => {
    expect(await requestLines(undefined, ['/health', '/internal/agents/health', '/graphql'])).toEqual([
      { url: '/health', level: 20 },
      { url: '/internal/agents/health', level: 20 },
      { url: '/graphql', level: 30 },
    ]);
  });

  it('takes patterns too, so static assets stay out of the log view', async () => {
    expect(
      await requestLines(['/health', /^\/assets\//], ['/assets/index-1a2b.js', '/tasks', '/health']),
    ).toEqual([
      { url: '/assets/index-1a2b.js', level: 20 },
      { url: '/tasks', level: 30 },
      { url: '/health', level: 20 },
    ]);
  });
});

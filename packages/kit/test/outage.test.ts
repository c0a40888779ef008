import { createServer } from 'node:net';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDependencyOutage, toClientError } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

/** A port nothing listens on: bound once, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const caught = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

/** How a resolver's error reaches the client. */
const asClient = (err: unknown) =>
  toClientError(
    { message: (err as Error).message },
    new GraphQLError((err as Error).message, { originalError: err as Error }),
  );

describe('dependency outages', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('outage');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers a refused PostgreSQL connection as SERVICE_UNAVAILABLE, without internals', async () => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${await deadPort()}/x` });
    const err = await caught(() => client.connect());
    expect(isDependencyOutage(err)).toBe(true);
    const formatted = asClient(err);
    expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(formatted.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });

  it('answers a PostgreSQL session killed by the server (restart, failover) as SERVICE_UNAVAILABLE', async () => {
    const victim = new pg.Client({ connectionString: db.url });
    victim.on('error', () => undefined);
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const running = caught(() => victim.query('select pg_sleep(5)'));
    await new Promise((r) => setTimeout(r, 100));
    await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
    await admin.end();
    const err = await running;
    expect(isDependencyOutage(err)).toBe(true);
    expect(asClient(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers Redis giving up on a command as SERVICE_UNAVAILABLE', async () => {
    const redis = new Redis({ port: await deadPort(), maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const err = await caught(() => redis.get('k'));
    redis.disconnect();
    expect(isDependencyOutage(err)).toBe(true);
    expect(asClient(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('keeps bugs and bad SQL as INTERNAL_SERVER_ERROR', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const err = await caught(() => client.query('select * from no_such_table'));
    await client.end();
    expect(isDependencyOutage(err)).toBe(false);
    expect(asClient(err).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(isDependencyOutage(new TypeError('x is undefined'))).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { gatewaySignatureHeaders } from '../trusted-caller.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test run; never the developer's data. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `trae_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * Refuses new connections to a test database and ends the open ones (as a PostgreSQL outage does), or
 * lets connections in again: fault tests take one service's database away without touching the server.
 */
export async function blockDatabase(url: string, blocked: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`alter database "${name}" allow_connections ${!blocked}`);
    if (blocked)
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
  } finally {
    await admin.end();
  }
}

export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix unique to this run, so parallel runs on one Redis never see each other's keys. */
export const testRedisPrefix = (label = 'test') => `trae-test:${label}:${randomBytes(4).toString('hex')}:`;
export * from './dump.js';
export * from './identity-keys.js';
export * from './proc.js';

/**
 * Headers that make a direct test call look like the gateway's (subgraphs refuse anyone else):
 * a fresh signature over a new request id, and the client address when given.
 */
export const gatewayHeaders = (secret: string, clientIp?: string): Record<string, string> =>
  gatewaySignatureHeaders(secret, `test-${randomBytes(6).toString('hex')}`, clientIp);

/** A `ws` WebSocket class whose upgrade carries gateway headers, for graphql-ws clients in tests. */
export const gatewayWebSocket = (
  secret: string,
): (new (
  address: string,
  protocols?: string | string[],
) => WebSocket) =>
  class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: gatewayHeaders(secret) });
    }
  };
export * from './misbehaving-server.js';
export * from './smtp.js';

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsFor, startEmbeddedPostgres } from '../src/embedded-pg.js';
import { freePort } from '../src/ports.js';
import { alive, processesMentioning } from './helpers.js';

async function selectOne(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one, current_database() as db')).rows[0];
  } finally {
    await client.end();
  }
}

describe('embedded postgres', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'launcher-pg-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('initialises a new data directory, serves the trae database, and stops without a trace', async () => {
    const dataDir = join(dir, 'postgres');
    const port = await freePort();

    const db = await startEmbeddedPostgres({ dataDir, port });
    const row = await selectOne(db.url);
    const pid = db.process.pid;
    await db.stop();

    expect(db.initialised).toBe(true);
    expect(row).toEqual({ one: 1, db: 'trae' });
    expect(alive(pid)).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 60_000);

  it('starts again on the existing data without initdb', async () => {
    const dataDir = join(dir, 'postgres');
    const port = await freePort();

    const db = await startEmbeddedPostgres({ dataDir, port, database: 'second' });
    const row = await selectOne(db.url);
    await db.stop();

    expect(db.initialised).toBe(false);
    expect(row.db).toBe('second');
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 60_000);

  it('allows the connections N replicas of every service pool', async () => {
    const dataDir = join(dir, 'postgres');
    const port = await freePort();

    const db = await startEmbeddedPostgres({ dataDir, port, maxConnections: connectionsFor(14) });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('show max_connections');
    await client.end();
    await db.stop();

    expect(connectionsFor(7)).toBe(100);
    expect(connectionsFor(20, 5)).toBe(120);
    expect(rows[0].max_connections).toBe('160');
  }, 60_000);
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@trae/kit/testing';
import pg from 'pg';
import { walkBlobs } from '../../src/blob-store.js';

export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;

/** Two subgraph-like schemas (each with its migrations table) and one that is not a subgraph's. */
const SEED = `
  create schema accounts;
  create table accounts.mikro_orm_migrations (id serial primary key, name varchar(255), executed_at timestamptz default now());
  insert into accounts.mikro_orm_migrations (name) values ('Migration20261201'), ('Migration20261215');
  create table accounts.users (id uuid primary key default gen_random_uuid(), name text not null, created_at timestamptz default now());
  insert into accounts.users (name) select 'user ' || g from generate_series(1, 50) g;
  create table accounts.sessions (id serial primary key, user_name text, token_hash text);
  insert into accounts.sessions (user_name, token_hash) select 'user ' || g, md5(g::text) from generate_series(1, 20) g;
  create schema uploads;
  create table uploads.mikro_orm_migrations (id serial primary key, name varchar(255), executed_at timestamptz default now());
  insert into uploads.mikro_orm_migrations (name) values ('Migration20261201');
  create table uploads.files (id serial primary key, sha256 varchar(64), owner text);
  create schema scratchpad;
  create table scratchpad.notes (id serial primary key, body text);
  insert into scratchpad.notes (body) values ('not a subgraph: never backed up');
`;

export interface Fixture {
  db: TestDatabase;
  filesDir: string;
  backupDir: string;
  /** Content hashes of the blobs put in FILES_DIR, in order. */
  blobs: string[];
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  addBlob(bytes: Buffer): string;
  /** sha256 -> sha256 of the bytes on disk, for every blob now in FILES_DIR. */
  liveBlobs(): Promise<Map<string, string>>;
  cleanup(): Promise<void>;
}

export async function createFixture(label: string): Promise<Fixture> {
  const db = await createTestDatabase(`recovery_${label}`);
  const root = mkdtempSync(join(tmpdir(), `trae-recovery-${label}-`));
  const filesDir = join(root, 'files');
  const backupDir = join(root, 'backups');
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return await client.query(text, params);
    } finally {
      await client.end();
    }
  };
  const fixture: Fixture = {
    db,
    filesDir,
    backupDir,
    blobs: [],
    sql,
    addBlob(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const dir = join(filesDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, sha), bytes);
      fixture.blobs.push(sha);
      return sha;
    },
    async liveBlobs() {
      const out = new Map<string, string>();
      for (const b of await walkBlobs(filesDir)) {
        out.set(b.name, createHash('sha256').update(readFileSync(b.path)).digest('hex'));
      }
      return out;
    },
    async cleanup() {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  await sql(SEED);
  for (let i = 0; i < 3; i++) {
    const sha = fixture.addBlob(randomBytes(10_000 + i * 5_000));
    await sql('insert into uploads.files (sha256, owner) values ($1, $2)', [sha, `user ${i + 1}`]);
  }
  return fixture;
}

/** Row counts of every table of the given schemas, `schema.table` -> rows. */
export async function counts(
  fixture: Fixture,
  schemas = ['accounts', 'uploads'],
): Promise<Record<string, number>> {
  const { rows } = await fixture.sql(
    `select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
    [schemas],
  );
  const out: Record<string, number> = {};
  for (const { name } of rows) {
    const [s, t] = name.split('.');
    out[name] = Number((await fixture.sql(`select count(*) as n from "${s}"."${t}"`)).rows[0].n);
  }
  return out;
}

/** Flips one byte in the middle of a file, as a bad disk or a tamperer would. */
export function corrupt(path: string): void {
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  writeFileSync(path, bytes);
}

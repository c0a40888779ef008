import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import pg from 'pg';
import request from 'supertest';
import { loadFilesConfig } from '../../src/config.js';
import { UrlSigner } from '../../src/modules/signing/url-signer.js';
import { createFiles, type Files } from '../../src/server.js';
import { type StandIns, startStandIns, type TestUser } from './stand-ins.js';

const SECRET = 'test-internal-secret-123';
export const GATEWAY = 'http://gateway.test';
/** Tests sign URLs themselves (expired ones, say) with the service's key. */
export const signer = new UrlSigner('test-signing-secret-123', GATEWAY);

export interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface Ticket {
  file: { id: string; status: string };
  uploadUrl: string;
  expiresAt: string;
}

export interface Harness {
  files: Files;
  db: TestDatabase;
  dir: string;
  stands: StandIns;
  /** Where the service listens (real sockets, for streaming and abort tests). */
  base: string;
  secret: string;
  /** The service's REDIS_PREFIX, for reading the streams it appends to. */
  redisPrefix: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    user?: TestUser,
  ): Promise<GqlResponse<T>>;
  createUpload(
    user: TestUser,
    input: Record<string, unknown>,
  ): Promise<GqlResponse<{ createUpload: Ticket }>>;
  /** createUpload + PUT; returns the ticket and the upload response. */
  upload(
    user: TestUser,
    bytes: Buffer,
    input: Record<string, unknown>,
  ): Promise<{ ticket: Ticket; status: number; body: Record<string, unknown> }>;
  /** SQL on the service's own schema (to age rows for the sweeper). */
  sql(text: string, values?: unknown[]): Promise<void>;
  /** Files still in storage: [blobs, staging]. */
  stored(): Promise<{ blobs: string[]; staging: string[] }>;
  stop(): Promise<void>;
}

/** The service URL for a public (gateway) URL the service handed out. */
export const local = (h: Harness, url: string) => {
  const u = new URL(url);
  return `${h.base}${u.pathname}${u.search}`;
};

export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) {
  createUpload(input: $input) { file { id status } uploadUrl expiresAt }
}`;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** Boots files on a fresh database, a private Redis prefix and a temporary storage folder. */
export async function startFiles(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('files');
  const dir = await mkdtemp(join(tmpdir(), 'trae-files-'));
  const stands = await startStandIns(SECRET);
  const redisPrefix = testRedisPrefix('files');
  const config = loadFilesConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: redisPrefix,
    IDENTITY_URL: stands.url,
    CHANNELS_URL: stands.url,
    GATEWAY_URL: GATEWAY,
    INTERNAL_SECRET: SECRET,
    FILES_DIR: dir,
    FILES_SIGNING_SECRET: 'test-signing-secret-123',
    NODE_ENV: 'test',
    ...env,
  });
  let files: Files;
  try {
    files = await createFiles(config, createLogger('files', 'silent'));
  } catch (err) {
    await Promise.all([stands.stop(), db.drop(), rm(dir, { recursive: true, force: true })]);
    throw err;
  }
  const port = await files.listen(0);
  const h: Harness = {
    files,
    db,
    dir,
    stands,
    secret: SECRET,
    redisPrefix,
    base: `http://127.0.0.1:${port}`,
    async gql(query, variables, user) {
      const req = request(files.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(gatewayHeaders(config.INTERNAL_SECRET));
      if (user) req.set('authorization', `Bearer ${user.token}`);
      return (await req.send({ query, variables })).body;
    },
    createUpload: (user, input) => h.gql(CREATE_UPLOAD, { input }, user),
    async upload(user, bytes, input) {
      const created = await h.createUpload(user, { size: bytes.length, ...input });
      if (!created.data) throw new Error(`createUpload failed: ${JSON.stringify(created.errors)}`);
      const ticket = created.data.createUpload;
      const res = await fetch(local(h, ticket.uploadUrl), { method: 'PUT', body: bytes });
      return { ticket, status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async sql(text, values) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query(`set search_path to files`);
        await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    async stored() {
      return { blobs: await walk(join(dir, 'blobs')), staging: await walk(join(dir, 'staging')) };
    },
    async stop() {
      await files.stop();
      await stands.stop();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}

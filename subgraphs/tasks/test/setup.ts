import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger, type RoleName } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { platformRecoveryConfig } from '@trae/recovery';
import { Redis } from 'ioredis';
import request from 'supertest';
import { loadTasksConfig, type TasksConfig } from '../src/config.js';
import {
  type BackupSettings,
  createTasksApi,
  createTasksWorker,
  type TasksApi,
  type TasksWorker,
} from '../src/server.js';
import { fakeObservability } from './support/fake-observability.js';
import { fakeChannels, fakeFiles, fakeIdentity, SECRET } from './support/fakes.js';
import { createTokens } from './support/tokens.js';

export type GqlResult<T> = { data?: T; errors?: { message: string; extensions: Record<string, unknown> }[] };

export interface Harness {
  api: TasksApi;
  config: TasksConfig;
  db: TestDatabase;
  prefix: string;
  /** Unprefixed, for looking at what the service wrote. */
  redis: Redis;
  tokens: Awaited<ReturnType<typeof createTokens>>;
  channels: Awaited<ReturnType<typeof fakeChannels>>;
  files: Awaited<ReturnType<typeof fakeFiles>>;
  observability: Awaited<ReturnType<typeof fakeObservability>>;
  /** Every caller `tokens.caller` made is a user here, with that role, until a test changes it. */
  identity: Awaited<ReturnType<typeof fakeIdentity>>;
  /** BACKUP_DIR and FILES_DIR in a temp folder of this harness (removed with it). */
  backups: BackupSettings;
  /** Starts an in-process worker (stopped with the harness). */
  worker(env?: Record<string, string>, logger?: Logger): Promise<TasksWorker>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

/** Short timings so retries, stalls and the reconciler show within a test's patience. */
export const FAST = {
  WORKER_LOCK_MS: '1500',
  WORKER_HEARTBEAT_MS: '300',
  RECONCILE_INTERVAL_MS: '300',
  RECONCILE_GRACE_MS: '1000',
  TASK_BACKOFF_MS: '100',
  RESEARCH_ALLOW_PRIVATE_NETWORKS: 'true',
  RESEARCH_TIMEOUT_MS: '3000',
};

/** Boots the tasks API on a fresh database and a private Redis prefix, with fake channels and files services. */
export async function startTasks(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('tasks');
  const prefix = testRedisPrefix('tasks');
  const [signer, channels, files, identity, observability] = await Promise.all([
    createTokens(),
    fakeChannels(),
    fakeFiles(),
    fakeIdentity(),
    fakeObservability(),
  ]);
  const tokens = {
    ...signer,
    caller: async (role: RoleName) => {
      const caller = await signer.caller(role);
      identity.set(caller.id, { role });
      return caller;
    },
  };
  const config = loadTasksConfig({
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    NODE_ENV: 'test',
    INTERNAL_SECRET: SECRET,
    CHANNELS_URL: channels.url,
    FILES_URL: files.url,
    IDENTITY_URL: identity.url,
    OBSERVABILITY_URL: observability.url,
    CREATOR_CACHE_MS: '0',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Tests that want the schedule set it; others must not find its task among theirs.
    BACKUP_SCHEDULE: '',
    ...FAST,
    ...env,
  });
  const logger = createLogger('tasks', process.env.TEST_LOG_LEVEL ?? 'silent');
  const dataDir = mkdtempSync(join(tmpdir(), 'trae-tasks-'));
  const backups = platformRecoveryConfig({
    NODE_ENV: 'test',
    BACKUP_DIR: join(dataDir, 'backups'),
    FILES_DIR: join(dataDir, 'files'),
  });
  const api = await createTasksApi(config, logger, { verifyToken: tokens.verifyToken, backups });
  const workers: TasksWorker[] = [];
  const redis = new Redis(testRedisUrl());
  return {
    api,
    config,
    db,
    prefix,
    redis,
    tokens,
    channels,
    files,
    identity,
    observability,
    backups,
    async worker(extra = {}, workerLogger = logger) {
      const worker = await createTasksWorker(
        loadTasksConfig({ ...configEnv(config), ...extra }),
        workerLogger,
        { backups },
      );
      await worker.listen(0);
      workers.push(worker);
      return worker;
    },
    async gql(query, variables, token) {
      const req = request(api.app)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(gatewayHeaders(config.INTERNAL_SECRET));
      if (token) req.set('authorization', `Bearer ${token}`);
      return (await req.send({ query, variables })).body;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await api.stop();
      await Promise.all([channels.close(), files.close(), identity.close(), observability.close()]);
      await deleteKeys(redis, prefix);
      redis.disconnect();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The config back as environment variables, so a worker can be built from the same settings. */
export function configEnv(config: TasksConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)]),
  );
}

/** The URL a worker announced in its heartbeat (its /metrics, /health). */
export async function workerUrl(h: Harness, id: string): Promise<string> {
  return (JSON.parse((await h.redis.get(`${h.prefix}worker:${id}`))!) as { url: string }).url;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

export const TASK_FIELDS =
  'id type agent status priority progress input result error attempts maxAttempts createdAt startedAt completedAt';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { type PlatformOptions, startPlatform } from '@trae/launcher';
import { Redis } from 'ioredis';

export const ADMIN = { login: 'admin', password: 'e2e-admin-password' };
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { accessToken } }';

export interface GqlResult<T> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface Platform {
  url: string;
  /** The scenario's own database (fault scenarios block and restore it). */
  databaseUrl: string;
  /** Every Redis key and channel of the scenario starts with this (REDIS_PREFIX). */
  redisPrefix: string;
  /** The files service's private storage root (FILES_DIR), for scenarios that look at its staging. */
  filesDir: string;
  /**
   * Every service's base URL by name, for tests that prove direct calls are refused. With replicas
   * these are HAProxy's frontends, and each instance is there too by its own name (`gateway#2`).
   */
  services: Record<string, string>;
  /** HAProxy's `/stats;csv`, with replicas. */
  balancerStatsUrl?: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** Signs in (the first admin unless told otherwise) and returns the access token. */
  login(credentials?: { login: string; password: string }): Promise<string>;
  /** The pid of a service's current process (`tasks`, `tasks#2`, `haproxy`), for scenarios that kill it. */
  pid(name: string): number | undefined;
  stop(): Promise<void>;
}

/** Deletes every key under the scenario's prefix (ioredis does not prefix SCAN patterns). */
async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface BootOptions {
  /** A Redis the scenario owns (and may kill) instead of the shared test server. */
  redisUrl?: string;
  /** A database the scenario owns (and may kill) instead of a fresh one on the shared test server. */
  databaseUrl?: string;
  /** Crashed services are started again, as `npm start` does. @default off */
  restart?: PlatformOptions['restart'];
  onRestart?: PlatformOptions['onRestart'];
  /** This many instances of every service behind HAProxy, as `npm start -- --replicas N`. */
  replicas?: number;
}

/**
 * Boots every service as `npm start` does (real processes, random ports) on a fresh database, a
 * private Redis prefix and a private files folder. Tests then talk to the gateway only. Everything
 * the scenario created is removed on stop, and also when the boot itself fails.
 */
export async function bootPlatform(
  scenario: string,
  env: Record<string, string> = {},
  options: BootOptions = {},
): Promise<Platform> {
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => {} }
    : await createTestDatabase(`e2e_${scenario}`);
  const prefix = testRedisPrefix(scenario);
  const filesDir = mkdtempSync(join(tmpdir(), `trae-e2e-${scenario}-`));
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const cleanup = async () => {
    await db.drop();
    // A Redis the scenario owns goes with the scenario (and may be dead by now).
    if (!options.redisUrl) await dropRedisPrefix(redisUrl, prefix);
    rmSync(filesDir, { recursive: true, force: true });
  };
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform({
      databaseUrl: db.url,
      redisUrl,
      redisPrefix: prefix,
      ports: 'random',
      restart: options.restart,
      onRestart: options.onRestart,
      replicas: options.replicas,
      output: { dir: new URL(`../output/${scenario}/`, import.meta.url).pathname },
      env: {
        ADMIN_USERNAME: ADMIN.login,
        ADMIN_EMAIL: 'admin@e2e.test',
        ADMIN_PASSWORD: ADMIN.password,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        FILES_DIR: filesDir,
        ...env,
      },
    });
  } catch (err) {
    await cleanup();
    throw err;
  }
  const gql: Platform['gql'] = async (query, variables, token, extra = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${platform.gatewayUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResult<never>, 'status' | 'headers'>;
    return { status: res.status, headers: res.headers, ...body };
  };
  return {
    url: platform.gatewayUrl,
    databaseUrl: db.url,
    redisPrefix: prefix,
    filesDir,
    services: platform.urls,
    balancerStatsUrl: platform.balancerStatsUrl,
    gql,
    async login(credentials = ADMIN) {
      const r = await gql<{ login: { accessToken: string } }>(LOGIN, { i: credentials });
      if (!r.data) throw new Error(`login as ${credentials.login} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.accessToken;
    },
    pid: (name) => platform.pid(name),
    async stop() {
      await platform.stop();
      await cleanup();
    },
  };
}

import { createTestDatabase, testRedisPrefix, testRedisUrl } from '@trae/kit/testing';
import { startPlatform } from '@trae/launcher';

export const ADMIN = { login: 'admin', password: 'e2e-admin-password' };

export interface GqlResult<T> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface Platform {
  url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

/**
 * Boots every service as `npm start` does (real processes, random ports) on a fresh database and a
 * private Redis prefix. Tests then talk to the gateway only.
 */
export async function bootPlatform(scenario: string): Promise<Platform> {
  const db = await createTestDatabase(`e2e_${scenario}`);
  const platform = await startPlatform({
    databaseUrl: db.url,
    redisUrl: testRedisUrl(),
    redisPrefix: testRedisPrefix(scenario),
    ports: 'random',
    output: { dir: new URL(`../output/${scenario}/`, import.meta.url).pathname },
    env: {
      ADMIN_USERNAME: ADMIN.login,
      ADMIN_EMAIL: 'admin@e2e.test',
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
    },
  });
  return {
    url: platform.gatewayUrl,
    async gql(query, variables, token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GqlResult<never>, 'status' | 'headers'>;
      return { status: res.status, headers: res.headers, ...body };
    },
    async stop() {
      await platform.stop();
      await db.drop();
    },
  };
}

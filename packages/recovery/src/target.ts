import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '@trae/kit';
import { isPortFree, startEmbeddedPostgres } from '@trae/launcher';
import type { RecoveryConfig } from './config.js';
import type { Progress } from './progress.js';

export interface Database {
  url: string;
  /** Stops the embedded PostgreSQL when this command started it. */
  release(): Promise<void>;
}

/**
 * DATABASE_URL, or else `npm start`'s embedded PostgreSQL: used as it is when `npm start` is running,
 * started from its data folder for the command when it is not (a restore onto a new machine may
 * create the cluster). `npm start` itself must be stopped to restore.
 */
export async function openDatabase(
  config: RecoveryConfig,
  create: boolean,
  say: Progress,
): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, release: async () => {} };
  const port = config.EMBEDDED_PG_PORT;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/trae`;
  if (!(await isPortFree(port))) return { url, release: async () => {} };
  const dataDir = join(config.dataDir, 'postgres');
  if (!create && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw appError('NOT_FOUND', `DATABASE_URL is unset and there is no embedded PostgreSQL in ${dataDir}`);
  }
  say(`database: starting the embedded PostgreSQL of ${dataDir} on port ${port} for this command`);
  const pg = await startEmbeddedPostgres({ dataDir, port });
  return { url: pg.url, release: () => pg.stop() };
}

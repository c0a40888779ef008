import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appError } from '@trae/kit';
import { SERVICES } from '@trae/launcher';
import { type Progress, silent } from './progress.js';
import { startTool } from './tool-process.js';

export interface MigrateOptions {
  databaseUrl: string;
  repoRoot: string;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  onProgress?: Progress;
}

/**
 * Brings restored schemas up to this release: each subgraph's own entry point under MIGRATE_ONLY runs
 * its pending migrations (createOrm, as at boot) and exits without serving, one after the other.
 * A backup from an older release so gains the newer migrations before any service takes traffic.
 */
export async function applyMigrations(options: MigrateOptions): Promise<string[]> {
  const say = options.onProgress ?? silent;
  const done: string[] = [];
  for (const spec of SERVICES.filter((s) => s.role === 'subgraph')) {
    const entry = join(options.repoRoot, spec.entry);
    if (!existsSync(entry))
      throw appError('INTERNAL_SERVER_ERROR', `${spec.entry} is not built; run \`npm run build\` first`);
    const env = {
      ...(options.env ?? process.env),
      DATABASE_URL: options.databaseUrl,
      MIGRATE_ONLY: 'true',
      LOG_SHIPPING: 'false',
      LOG_LEVEL: 'warn',
    };
    await startTool(process.execPath, [entry], { env, cwd: dirname(dirname(entry)) }).done;
    done.push(spec.name);
    say(`migrations: ${spec.name} up to date`);
  }
  return done;
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { plainArtifact } from './artifacts.js';
import {
  compareCounts,
  connect,
  countTables,
  createScratchDatabase,
  latestMigrations,
  listArchive,
  restoreArchive,
} from './database.js';
import { checkIntegrity, withScratch } from './integrity.js';
import { backupPath, type Manifest, readManifest, VERIFICATION_FILE } from './manifest.js';
import { findPgTools, type PgTools } from './pg-tools.js';
import { formatDuration, type Progress, silent } from './progress.js';

export interface VerifyOptions {
  backupDir: string;
  id: string;
  key?: Buffer;
  /** The server the trial restore runs on (a scratch database beside this one, created and dropped). */
  databaseUrl: string;
  pgBinDir?: string;
  /** Restore into a scratch database and compare row counts. @default true */
  trial?: boolean;
  onProgress?: Progress;
  /** Aborting it kills pg_restore / psql; the scratch database is dropped and the verify fails with its reason. */
  signal?: AbortSignal;
}

export interface VerifyReport {
  id: string;
  ok: boolean;
  verifiedAt: string;
  durationMs: number;
  /** What is wrong, one line each, naming the artifact, blob or table. Empty when ok. */
  problems: string[];
  blobsChecked: number;
  archiveEntries: number;
  /** Tables whose row count the trial restore compared. */
  tablesCompared: number;
}

/**
 * Proves a backup restorable: checksums of every artifact and blob, `pg_restore --list` of the dump,
 * then a trial restore into a scratch database whose row counts and migration tables must match the
 * manifest. The outcome is kept beside the backup (`verification.json`) for listings.
 */
export async function verifyBackup(options: VerifyOptions): Promise<VerifyReport> {
  const say = options.onProgress ?? silent;
  const started = performance.now();
  const manifest = await readManifest(options.backupDir, options.id);
  const dir = backupPath(options.backupDir, options.id);
  say(`verify ${manifest.id}: checksums of ${manifest.artifacts.length} artifacts`);
  const integrity = await checkIntegrity(dir, options.backupDir, manifest, options.key, say);
  const problems = [...integrity.problems];
  let archiveEntries = 0;
  let tablesCompared = 0;
  const dump = manifest.artifacts.find((a) => a.kind === 'database');
  if (!problems.length && dump) {
    const tools = await findPgTools(options.databaseUrl, options.pgBinDir);
    await withScratch(options.backupDir, async (scratchDir) => {
      let plain: Awaited<ReturnType<typeof plainArtifact>>;
      try {
        plain = await plainArtifact(dir, dump, scratchDir, integrity.sealing);
        archiveEntries = (await listArchive(tools, plain.path, options.signal)).length;
      } catch (err) {
        if (options.signal?.aborted) throw err;
        problems.push(`artifact ${dump.name}: not a readable archive: ${(err as Error).message}`);
        return;
      }
      try {
        say(`database: pg_restore --list read ${archiveEntries} entries`);
        if (options.trial !== false)
          tablesCompared = await trialRestore(
            options.databaseUrl,
            tools,
            plain.path,
            manifest,
            problems,
            say,
            options.signal,
          );
      } finally {
        await plain.release();
      }
    });
  }
  const report: VerifyReport = {
    id: manifest.id,
    ok: problems.length === 0,
    verifiedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    problems,
    blobsChecked: integrity.blobsChecked,
    archiveEntries,
    tablesCompared,
  };
  await writeFile(join(dir, VERIFICATION_FILE), `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  say(
    `verify ${manifest.id}: ${report.ok ? 'ok' : `${problems.length} problems`} in ${formatDuration(report.durationMs)}`,
  );
  return report;
}

/** Restores the dump into a scratch database and adds what differs from the manifest to `problems`. */
async function trialRestore(
  url: string,
  tools: PgTools,
  archive: string,
  manifest: Manifest,
  problems: string[],
  say: Progress,
  signal?: AbortSignal,
) {
  const { schemas } = manifest.database;
  const scratch = await createScratchDatabase(url);
  try {
    say('database: trial restore into a scratch database');
    await restoreArchive(scratch.url, tools, archive, schemas, signal);
    const client = await connect(scratch.url);
    try {
      problems.push(...compareCounts(manifest.database.tables, await countTables(client, schemas)));
      const migrations = await latestMigrations(client, schemas);
      for (const [schema, name] of Object.entries(manifest.database.migrations)) {
        if (name && migrations[schema] !== name) {
          problems.push(
            `schema ${schema}: latest migration ${migrations[schema] ?? 'none'} after restore, expected ${name}`,
          );
        }
      }
    } finally {
      await client.end().catch(() => {});
    }
    return manifest.database.tables.length;
  } catch (err) {
    if (signal?.aborted) throw err;
    problems.push(`database: trial restore failed: ${(err as Error).message}`);
    return 0;
  } finally {
    await scratch.drop();
  }
}

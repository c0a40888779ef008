import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appError } from '@trae/kit';
import { artifactWriter, writeArtifact } from './artifacts.js';
import type { Sealing } from './blob-store.js';
import { keyIdOf } from './crypto.js';
import { dumpDatabase } from './database.js';
import { filesBackup } from './files-backup.js';
import { withBackupLock } from './lock.js';
import { type Artifact, MANIFEST_FORMAT, type Manifest, newBackupId, writeManifest } from './manifest.js';
import { findPgTools } from './pg-tools.js';
import { formatBytes, type Progress, silent, stepTimer, withTicker } from './progress.js';
import { pushBackup, type RemoteStore } from './remote.js';
import { captureSettings } from './settings.js';

export interface BackupTarget {
  /** The platform's database (DATABASE_URL). */
  databaseUrl: string;
  /** The files service's local store (FILES_DIR); null when files live elsewhere (S3). */
  filesDir: string | null;
  /** Why files are not backed up when filesDir is null (`FILES_STORAGE=s3`). */
  filesSkipped?: string;
  /** Where backups go (BACKUP_DIR). */
  backupDir: string;
  /** BACKUP_ENCRYPTION_KEY, 32 bytes; unset stores plaintext. */
  key?: Buffer;
  /** BACKUP_PG_BIN_DIR: the only folder looked in for pg_dump/pg_restore/psql. */
  pgBinDir?: string;
  onProgress?: Progress;
  /** BACKUP_NICE: the nice value of pg_dump and of the backends reading its snapshot. @default 10 */
  nice?: number;
  /** BACKUP_S3_*: each backup is also copied there, and verify/restore can fetch one from there. */
  remote?: RemoteStore;
  /** Aborting it (a cancelled task) kills pg_dump / pg_restore / psql and fails the command with its reason. */
  signal?: AbortSignal;
}

export interface CreateBackupOptions extends BackupTarget {
  /** The repo whose supergraph and `.env.example` are saved. */
  repoRoot: string;
  /** Whose variables the settings artifact describes. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default every schema that has a migrations table */
  schemas?: string[];
}

export const sealingOf = (key?: Buffer): Sealing | undefined =>
  key ? { key, keyId: keyIdOf(key) } : undefined;

/** Inside the backup's folder while it is written; removed once its blobs are copied. */
const HOLD_DIR = '.held';

const platformVersion = (repoRoot: string) => {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

/**
 * One backup: the subgraph schemas (one pg_dump snapshot, with row counts), the files store
 * (incremental: blobs already stored by an earlier backup are referenced), the non-secret settings and
 * the supergraph. The store is walked once, before the snapshot, and its blobs held (files-backup.ts);
 * they are copied while pg_dump runs, with any blob the snapshot's rows name that the walk missed. The
 * manifest is written last; a failure removes the half-written folder.
 */
export async function createBackup(options: CreateBackupOptions): Promise<Manifest> {
  const say = options.onProgress ?? silent;
  const made = await withBackupLock(options.backupDir, async () => {
    const started = performance.now();
    const createdAt = new Date();
    const id = newBackupId(createdAt);
    const dir = join(options.backupDir, id);
    const sealing = sealingOf(options.key);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      const timed = stepTimer(say);
      let seen = 0;
      const files = options.filesDir
        ? filesBackup(options.filesDir, options.backupDir, join(dir, HOLD_DIR), sealing, () => void seen++)
        : undefined;
      // The tool lookup (a few processes) overlaps the walk that holds the store's blobs.
      const [tools] = await Promise.all([
        timed('tool lookup', findPgTools(options.databaseUrl, options.pgBinDir)),
        files && timed('files held', files.hold()),
      ]);
      say(`backup ${id}: pg_dump ${tools.version} (${tools.dir}) for PostgreSQL ${tools.serverVersion}`);

      const dump = artifactWriter(dir, 'database.dump', 'database', sealing);
      options.signal?.throwIfAborted();
      // The held blobs are copied while pg_dump runs: the copy is our own process's work, the dump mostly
      // pg_dump's and the server's, so on two cores they overlap instead of adding up.
      const dumping = dumpDatabase(options.databaseUrl, tools, dump.stream, {
        only: options.schemas,
        signal: options.signal,
        nice: options.nice,
        alongside: files && ((named) => timed('files copied', files.copy(named, options.signal))),
      });
      const snapshot = await withTicker(timed('database dumped', dumping), () =>
        say(`database: ${formatBytes(dump.bytes)} dumped${files ? `, files: ${seen} blobs` : ''}`),
      );
      const artifacts: Artifact[] = [await dump.done()];
      say(`database: ${snapshot.schemas.join(', ')} in ${formatBytes(artifacts[0].size)}`);
      const copied = files?.result;
      if (copied) {
        for (const sha of copied.damaged)
          say(`files: blob ${sha} in FILES_DIR does not match its name; skipped`);
        // Said, not thrown: a row whose blob was already gone from FILES_DIR before this backup looks the
        // same, and failing on it would fail every backup from then on instead of keeping the rest.
        for (const sha of copied.lost)
          say(`files: blob ${sha}, named by a dumped row, was deleted from FILES_DIR before it was copied`);
        say(`files: ${copied.blobs.length} blobs, ${formatBytes(copied.copiedBytes)} copied`);
      }
      options.signal?.throwIfAborted();
      const settings = captureSettings(options.repoRoot, options.env ?? process.env);
      artifacts.push(
        await writeArtifact(
          dir,
          'settings.json',
          'settings',
          `${JSON.stringify(settings, null, 2)}\n`,
          sealing,
        ),
      );
      const supergraph = join(options.repoRoot, 'schema', 'supergraph.graphql');
      if (existsSync(supergraph)) {
        artifacts.push(
          await writeArtifact(
            dir,
            'supergraph.graphql',
            'supergraph',
            readFileSync(supergraph, 'utf8'),
            sealing,
          ),
        );
      }
      const blobs = copied?.blobs ?? [];
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        id,
        createdAt: createdAt.toISOString(),
        completedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
        versions: {
          platform: platformVersion(options.repoRoot),
          node: process.version,
          postgres: tools.serverVersion,
          pgDump: tools.version,
        },
        encryption: sealing ? { algorithm: 'aes-256-gcm', keyId: sealing.keyId } : null,
        artifacts,
        database: snapshot,
        files: options.filesDir
          ? {
              blobs,
              totalBytes: blobs.reduce((n, b) => n + b.size, 0),
              copiedBytes: copied?.copiedBytes ?? 0,
            }
          : { skipped: options.filesSkipped ?? 'no FILES_DIR' },
      };
      await writeManifest(dir, manifest);
      return manifest;
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  });
  if (options.remote) await copyOff(options.remote, options, made);
  return made;
}

/** The off-machine copy; its failure fails the backup (alerts fire), though the local copy stays good. */
async function copyOff(remote: RemoteStore, options: CreateBackupOptions, manifest: Manifest) {
  try {
    await pushBackup(remote, options.backupDir, manifest, {
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } catch (err) {
    throw appError(
      'INTERNAL_SERVER_ERROR',
      `backup ${manifest.id} is complete in BACKUP_DIR, but its copy to s3://${remote.options.bucket} failed: ${(err as Error).message}`,
    );
  }
}

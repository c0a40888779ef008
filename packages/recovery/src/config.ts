import { join } from 'node:path';
import { loadConfig, z } from '@trae/kit';
import { findRepoRoot } from '@trae/launcher';
import type { BackupTarget } from './backup.js';
import { parseKey } from './crypto.js';
import { type RemoteStore, remoteStore } from './remote.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** What the recovery CLI reads; the names are the platform's own where they mean the same thing. */
export const recoveryEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Unset: the embedded PostgreSQL of `npm start` (started for the command when it is not running). */
  DATABASE_URL: optional.pipe(z.string().url().optional()),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** `npm start`'s data folder (embedded PostgreSQL, Redis). @default <repo>/.data */
  TRAE_DATA_DIR: optional,
  FILES_STORAGE: z.enum(['local', 's3']).default('local'),
  /** The files service's store. @default <repo>/.data/files, as the files service */
  FILES_DIR: optional,
  /** Where backups go. @default <TRAE_DATA_DIR>/backups */
  BACKUP_DIR: optional,
  /** 32 bytes (base64 or hex) encrypting every artifact with AES-256-GCM; unset stores them plain. */
  BACKUP_ENCRYPTION_KEY: optional.transform((v, ctx) => {
    if (!v) return undefined;
    try {
      return parseKey(v);
    } catch (err) {
      // The message never repeats the value: it is (or nearly is) the key.
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  /**
   * Refuse to back up without BACKUP_ENCRYPTION_KEY (a scheduled worker stops at boot, every backup is
   * refused): for backups that leave the machine (S3, a shared disk).
   */
  BACKUP_ENCRYPTION_REQUIRED: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** `--prune` keeps backups this many days (and always the newest complete one). */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The only folder searched for pg_dump, pg_restore and psql. @default found by version */
  BACKUP_PG_BIN_DIR: optional,
  /** Set: every backup is also copied to this S3-compatible bucket (off the machine). */
  BACKUP_S3_BUCKET: optional,
  BACKUP_S3_REGION: z.string().default('us-east-1'),
  /** For S3-compatible servers (MinIO, R2, ...); unset means AWS. */
  BACKUP_S3_ENDPOINT: optional.pipe(z.string().url().optional()),
  BACKUP_S3_ACCESS_KEY_ID: optional,
  BACKUP_S3_SECRET_ACCESS_KEY: optional,
  BACKUP_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Key prefix in the bucket, so one bucket can hold several deployments' backups. */
  BACKUP_S3_PREFIX: z.string().default(''),
});

export type RecoveryEnv = z.infer<typeof recoveryEnv>;

export interface RecoveryConfig extends Omit<RecoveryEnv, 'TRAE_DATA_DIR' | 'FILES_DIR' | 'BACKUP_DIR'> {
  dataDir: string;
  filesDir: string;
  backupDir: string;
}

/** Parsed once; a bad value stops the command naming the variable, as every service does. */
export function loadRecoveryConfig(
  repoRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<RecoveryConfig> {
  const c = loadConfig(recoveryEnv, env);
  const dataDir = c.TRAE_DATA_DIR ?? join(repoRoot, '.data');
  return Object.freeze({
    ...c,
    dataDir,
    filesDir: c.FILES_DIR ?? join(repoRoot, '.data', 'files'),
    backupDir: c.BACKUP_DIR ?? join(dataDir, 'backups'),
  });
}

/** The config of the platform this package is installed in (the tasks worker's scheduled backups). */
export function platformRecoveryConfig(env: NodeJS.ProcessEnv = process.env) {
  const repoRoot = findRepoRoot();
  return { repoRoot, config: loadRecoveryConfig(repoRoot, env) };
}

/** What createBackup, verifyBackup and restoreBackup read from the config, for the given database. */
export function backupTargetOf(config: RecoveryConfig, databaseUrl: string): BackupTarget {
  const local = config.FILES_STORAGE === 'local';
  return {
    databaseUrl,
    filesDir: local ? config.filesDir : null,
    filesSkipped: local ? undefined : 'FILES_STORAGE=s3: S3 objects are not backed up by this tool yet',
    backupDir: config.backupDir,
    key: config.BACKUP_ENCRYPTION_KEY,
    pgBinDir: config.BACKUP_PG_BIN_DIR,
    remote: remoteOf(config),
  };
}

/** The backup bucket, when BACKUP_S3_BUCKET is set. */
export function remoteOf(config: RecoveryConfig): RemoteStore | undefined {
  if (!config.BACKUP_S3_BUCKET) return undefined;
  return remoteStore({
    bucket: config.BACKUP_S3_BUCKET,
    region: config.BACKUP_S3_REGION,
    endpoint: config.BACKUP_S3_ENDPOINT,
    accessKeyId: config.BACKUP_S3_ACCESS_KEY_ID,
    secretAccessKey: config.BACKUP_S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.BACKUP_S3_FORCE_PATH_STYLE,
    prefix: config.BACKUP_S3_PREFIX,
  });
}

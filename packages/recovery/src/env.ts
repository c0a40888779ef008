import { z } from 'zod';
import { parseKey } from './crypto.js';

/**
 * The variables the recovery tool reads. Kept apart from config.ts, which needs @trae/kit: the WAL
 * command PostgreSQL starts for every segment parses them too, and loading the kit takes seconds on a
 * loaded machine (PostgreSQL waits for each segment).
 */
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
  /**
   * The nice value of a backup's pg_dump and of the server backends reading its snapshot (local server
   * only): 0 runs them as any other process, 19 gives the platform's queries every spare cycle first.
   */
  BACKUP_NICE: z.coerce.number().int().min(0).max(19).default(10),
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

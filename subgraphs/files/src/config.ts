import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { baseEnv, loadConfig, secret, z } from '@trae/kit';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** From this file, so it holds for `src/` (tests) and `dist/` (built): both sit three levels below the repo. */
const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const bytes = (fallback: number) =>
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).default(fallback);

/** What may be uploaded: the bytes are sniffed and must match the declared type, which must be listed here. */
const DEFAULT_ALLOWED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'text/tab-separated-values',
  'text/markdown',
  'application/json',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'application/zip',
  'application/gzip',
  'application/x-tar',
].join(',');

export const filesEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  FILES_STORAGE: z.enum(['local', 's3']).default('local'),
  /** Local storage root (content-addressed blobs plus a staging folder). */
  FILES_DIR: z.string().default(repoPath('.data/files')),
  FILES_MAX_SIZE: bytes(2 * GiB),
  FILES_USER_QUOTA: bytes(10 * GiB),
  FILES_ALLOWED_TYPES: z
    .string()
    .default(DEFAULT_ALLOWED_TYPES)
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** HMAC key of upload and download URLs. The default is for development only; production refuses it. */
  FILES_SIGNING_SECRET: secret('trae-dev-files-signing-secret-change-me'),
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  DOWNLOAD_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(30)
    .max(7 * 86_400)
    .default(3600),
  /** An upload that sends no bytes for this long is aborted. */
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * An upload renews its lease every third of this; one not renewed for this long belongs to a dead
   * process, stops counting against quota, and its ticket may be used again.
   */
  UPLOAD_LEASE_MS: z.coerce.number().int().min(1_000).default(15_000),
  /**
   * Names this instance on the uploads it receives, so a restart frees them at once. Instances sharing a
   * host (and so a hostname) need distinct values.
   */
  FILES_INSTANCE_ID: z.string().min(1).max(255).default(hostname()),
  /** How often expired tickets, dead uploads and stray staging objects are cleared. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  FILES_S3_BUCKET: optional,
  FILES_S3_REGION: z.string().default('us-east-1'),
  /** For S3-compatible servers (MinIO, R2, ...); unset means AWS. */
  FILES_S3_ENDPOINT: optional.pipe(z.string().url().optional()),
  FILES_S3_ACCESS_KEY_ID: optional,
  FILES_S3_SECRET_ACCESS_KEY: optional,
  FILES_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  FILES_S3_PREFIX: z.string().default(''),
});

export type FilesConfig = z.infer<typeof filesEnv>;

export function loadFilesConfig(env: NodeJS.ProcessEnv = process.env): Readonly<FilesConfig> {
  const config = loadConfig(
    filesEnv.refine((c) => c.FILES_STORAGE !== 's3' || c.FILES_S3_BUCKET, {
      path: ['FILES_S3_BUCKET'],
      message: 'required when FILES_STORAGE=s3',
    }),
    env,
  );
  return config;
}

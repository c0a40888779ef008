import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Errors, parseInput, z } from '@trae/kit';

/** Bumped when a manifest changes shape; an older tool refuses a newer manifest instead of guessing. */
export const MANIFEST_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';
export const VERIFICATION_FILE = 'verification.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const artifact = z.object({
  /** The file's name inside the backup's folder. */
  name: z.string(),
  kind: z.enum(['database', 'settings', 'supergraph']),
  /** Size and SHA-256 of the bytes as stored (encrypted ones: of the ciphertext). */
  size: z.number().int().nonnegative(),
  sha256,
  encrypted: z.boolean(),
});

const blob = z.object({ sha256, size: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string(),
  createdAt: z.string(),
  completedAt: z.string(),
  durationMs: z.number(),
  versions: z.object({
    platform: z.string(),
    node: z.string(),
    postgres: z.string(),
    pgDump: z.string(),
  }),
  encryption: z.object({ algorithm: z.literal('aes-256-gcm'), keyId: z.string() }).nullable(),
  artifacts: z.array(artifact),
  database: z.object({
    schemas: z.array(z.string()),
    tables: z.array(z.object({ schema: z.string(), table: z.string(), rows: z.number().int() })),
    /** The newest migration applied to each schema when the dump was taken. */
    migrations: z.record(z.string(), z.string().nullable()),
  }),
  files: z.union([
    z.object({
      blobs: z.array(blob),
      totalBytes: z.number(),
      /** Bytes copied by this backup; the rest were already in the store from earlier ones. */
      copiedBytes: z.number(),
    }),
    z.object({ skipped: z.string() }),
  ]),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Artifact = z.infer<typeof artifact>;
export type BlobEntry = z.infer<typeof blob>;

/** `20261201T101500Z-3f9a`: sorts by time, safe as a folder name. */
export function newBackupId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** What newBackupId makes. */
export const BACKUP_ID = /^\d{8}T\d{6}Z-[0-9a-f]{4}$/;

/** A backup id as typed by an operator: anything else could name a folder outside BACKUP_DIR. */
export const parseBackupId = (id: unknown): string =>
  parseInput(
    z.string().regex(BACKUP_ID, { error: 'must be a backup id such as 20261201T101500Z-3f9a' }),
    id,
    'id',
  );

export const backupPath = (backupDir: string, id: string) => join(backupDir, parseBackupId(id));

/** Written last, by rename, so a folder without it is a backup that never finished. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, join(dir, MANIFEST_FILE));
}

/** The manifest of a finished backup: NOT_FOUND when there is none, CONFLICT when it cannot be read. */
export async function readManifest(backupDir: string, id: string): Promise<Manifest> {
  const path = join(backupPath(backupDir, id), MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw Errors.notFound(`Backup ${id} (no ${MANIFEST_FILE}: missing, or it never finished)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw Errors.conflict(`Backup ${id}: ${MANIFEST_FILE} is not valid JSON (corrupted)`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw Errors.conflict(
      `Backup ${id}: ${MANIFEST_FILE} is not a manifest this tool reads (${issue.path.join('.')}: ${issue.message})`,
    );
  }
  return parsed.data;
}

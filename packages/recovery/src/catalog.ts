import { access, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { storedBlobPath, walkBlobs } from './blob-store.js';
import { withBackupLock } from './lock.js';
import { BACKUP_ID, MANIFEST_FILE, type Manifest, readManifest, VERIFICATION_FILE } from './manifest.js';
import type { RemoteStore } from './remote-objects.js';
import { DAY, pruneRecoveryPoints, type RecoveryPointsPruned } from './retention.js';

interface Verification {
  verifiedAt: string;
  ok: boolean;
  problems: string[];
}

const readVerification = (dir: string) =>
  readFile(join(dir, VERIFICATION_FILE), 'utf8')
    .then((t) => {
      const v = JSON.parse(t) as Verification;
      return { verifiedAt: v.verifiedAt, ok: v.ok, problems: v.problems ?? [] };
    })
    .catch((): Verification | undefined => undefined);

export interface BackupSummary {
  id: string;
  /** `complete` once its manifest is written; `incomplete` is one that never finished (or is running). */
  status: 'complete' | 'incomplete';
  createdAt: string;
  durationMs?: number;
  /** Bytes of its own artifacts plus the blobs it copied (blobs it shares are counted where first copied). */
  sizeBytes: number;
  encrypted: boolean;
  /** The last verifyBackup of it, when there was one; `problems` is empty when it passed. */
  verification?: Verification;
}

/** Complete and not refused by its last verification: a backup one would restore. */
export const isGood = (b: Pick<BackupSummary, 'status' | 'verification'>) =>
  b.status === 'complete' && b.verification?.ok !== false;

/** A backup's `sizeBytes`: its own artifacts plus the blobs it copied. */
export const backupSize = (m: Manifest) =>
  m.artifacts.reduce((n, a) => n + a.size, 0) + ('copiedBytes' in m.files ? m.files.copiedBytes : 0);

/** Every backup in BACKUP_DIR, newest first; one without a manifest is listed as incomplete, never as good. */
export async function listBackups(backupDir: string): Promise<BackupSummary[]> {
  const names = (await readdir(backupDir).catch(() => [])).filter((n) => BACKUP_ID.test(n));
  const out: BackupSummary[] = [];
  for (const id of names) {
    const dir = join(backupDir, id);
    const manifest = await readManifest(backupDir, id).catch(() => undefined);
    if (!manifest) {
      out.push({
        id,
        status: 'incomplete',
        createdAt: (await stat(dir)).mtime.toISOString(),
        sizeBytes: 0,
        encrypted: false,
      });
      continue;
    }
    const verification = await readVerification(dir);
    out.push({
      id,
      status: 'complete',
      createdAt: manifest.createdAt,
      durationMs: manifest.durationMs,
      sizeBytes: backupSize(manifest),
      encrypted: manifest.encryption !== null,
      ...(verification ? { verification } : {}),
    });
  }
  // By the instant, not the id: two backups within one second differ only by their random suffix.
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** `20261201T101500Z-3f9a` -> 2026-12-01T10:15:00Z. */
const idTime = (id: string) =>
  new Date(id.slice(0, 16).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

/**
 * The newest good backup and when it was taken, without reading every manifest (a /metrics scrape
 * asks every few seconds): ids sort by time, so the first complete one not refused by verify wins.
 */
export async function lastGoodBackup(backupDir: string): Promise<{ id: string; createdAt: Date } | null> {
  const names = (await readdir(backupDir).catch(() => []))
    .filter((n) => BACKUP_ID.test(n))
    .sort()
    .reverse();
  for (const id of names) {
    const dir = join(backupDir, id);
    const complete = await access(join(dir, MANIFEST_FILE)).then(
      () => true,
      () => false,
    );
    if (complete && (await readVerification(dir))?.ok !== false) return { id, createdAt: idTime(id) };
  }
  return null;
}

export interface PruneOptions {
  backupDir: string;
  /** BACKUP_RETENTION_DAYS. @default 30 */
  retentionDays?: number;
  /** @default now */
  now?: Date;
  /** BACKUP_S3_*: the bucket's dumps, blobs, base backups and WAL are pruned by the same rule. */
  remote?: RemoteStore;
}

export interface PruneResult extends RecoveryPointsPruned {
  removed: string[];
  kept: string[];
  blobsRemoved: number;
  bytesFreed: number;
}

/**
 * Removes backups older than the retention, but never the newest good one nor the newest complete one
 * (a platform whose backups have failed for weeks keeps its last good one, and the newest one even
 * when verify refused it, for a look at what went wrong), then the blobs no remaining manifest names.
 * Incomplete folders older than a day go too: no backup runs that long, so nothing is writing to them.
 */
export async function pruneBackups(options: PruneOptions): Promise<PruneResult> {
  const days = options.retentionDays ?? 30;
  const now = (options.now ?? new Date()).getTime();
  return withBackupLock(options.backupDir, async () => {
    const all = await listBackups(options.backupDir);
    const spared = new Set([all.find(isGood)?.id, all.find((b) => b.status === 'complete')?.id]);
    const old = (b: BackupSummary) =>
      Date.parse(b.createdAt) < now - (b.status === 'complete' ? days : 1) * DAY;
    const removed = all.filter((b) => !spared.has(b.id) && old(b)).map((b) => b.id);
    for (const id of removed) await rm(join(options.backupDir, id), { recursive: true, force: true });
    const kept = all.filter((b) => !removed.includes(b.id));

    const referenced = new Set<string>();
    for (const b of kept) {
      if (b.status !== 'complete') continue;
      const m = await readManifest(options.backupDir, b.id);
      const sealing = m.encryption ?? undefined;
      if ('blobs' in m.files) {
        for (const e of m.files.blobs) referenced.add(storedBlobPath(options.backupDir, e.sha256, sealing));
      }
    }
    let blobsRemoved = 0;
    let bytesFreed = 0;
    for (const blob of await walkBlobs(options.backupDir)) {
      if (referenced.has(blob.path)) continue;
      await rm(blob.path, { force: true });
      blobsRemoved++;
      bytesFreed += blob.size;
    }
    const points = await pruneRecoveryPoints({
      backupDir: options.backupDir,
      retentionDays: days,
      now,
      remote: options.remote,
      lastGood: all.find(isGood)?.id,
    });
    return { removed, kept: kept.map((b) => b.id), blobsRemoved, bytesFreed, ...points };
  });
}

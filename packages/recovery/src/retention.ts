import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BaseBackup, baseDir, listBaseBackups, listRemoteBaseBackups } from './base-backup.js';
import { storedBlobPath } from './blob-store.js';
import { BACKUP_ID, MANIFEST_FILE, manifestSchema } from './manifest.js';
import { deleteKeys, getBytes, listObjects, type RemoteStore, remoteKey } from './remote-objects.js';
import { pruneWal, type WalPruneResult } from './wal-archive.js';

/**
 * Retention for what `pruneBackups` does not own: base backups and the WAL archive (locally and in the
 * bucket), and the dumps in the bucket. The same rule as for local dumps: keep BACKUP_RETENTION_DAYS,
 * and always the newest one; WAL older than the oldest kept base serves no recovery and goes.
 */
export const DAY = 86_400_000;

export interface RecoveryPointsPruned {
  basesRemoved: string[];
  wal: WalPruneResult;
  /** Dumps and blobs removed from the bucket (absent without one). */
  remote?: { backupsRemoved: string[]; blobsRemoved: number };
}

/** Ids to remove: older than the cutoff, except the newest (and whatever `spare` names). */
export function expired<T>(items: T[], time: (t: T) => number, cutoff: number, spare = new Set<T>()): T[] {
  const newest = [...items].sort((a, b) => time(b) - time(a))[0];
  return items.filter((t) => t !== newest && !spare.has(t) && time(t) < cutoff);
}

/** The first WAL segment a base needs: from base.json, or the backup_label of an older folder copy. */
async function startWalOf(backupDir: string, base: BaseBackup): Promise<string | undefined> {
  const label =
    base.label ??
    (await readFile(join(baseDir(backupDir), base.id, 'data', 'backup_label'), 'utf8').catch(() => ''));
  return base.startWal ?? /START WAL LOCATION: .* \(file ([0-9A-F]{24})\)/.exec(label)?.[1];
}

export async function pruneRecoveryPoints(options: {
  backupDir: string;
  retentionDays: number;
  now: number;
  remote?: RemoteStore;
  /** The newest good dump, kept in the bucket too. */
  lastGood?: string;
}): Promise<RecoveryPointsPruned> {
  const { backupDir, remote } = options;
  const cutoff = options.now - options.retentionDays * DAY;
  const started = (b: BaseBackup) => Date.parse(b.startedAt);

  const local = await listBaseBackups(backupDir);
  const goneHere = expired(local, started, cutoff);
  for (const b of goneHere) await rm(join(baseDir(backupDir), b.id), { recursive: true, force: true });
  const there = remote ? await listRemoteBaseBackups(remote) : [];
  const goneThere = expired(there, started, cutoff);
  if (remote) {
    const prefixes = goneThere.map((b) => remoteKey(remote, `base/${b.id}/`));
    const keys = (await listObjects(remote, remoteKey(remote, 'base/'))).map((o) => o.key);
    await deleteKeys(
      remote,
      keys.filter((k) => prefixes.some((p) => k.startsWith(p))),
    );
  }

  const kept = [
    ...local.filter((b) => !goneHere.includes(b)),
    ...there.filter((b) => !goneThere.includes(b)),
  ];
  const starts = (await Promise.all(kept.map((b) => startWalOf(backupDir, b)))).filter(Boolean) as string[];
  // No base kept (or none readable): no recovery needs a segment yet, so none is known to be useless.
  const oldest =
    starts.length === kept.length
      ? starts.sort((a, b) => a.slice(8).localeCompare(b.slice(8)))[0]
      : undefined;
  const wal = oldest ? await pruneWal({ backupDir, remote }, oldest) : { local: 0, remote: 0 };
  return {
    basesRemoved: [...new Set([...goneHere, ...goneThere].map((b) => b.id))],
    wal,
    ...(remote ? { remote: await pruneRemoteDumps(remote, cutoff, options.now, options.lastGood) } : {}),
  };
}

/** `20261201T101500Z-3f9a` -> its instant. */
const idTime = (id: string) =>
  Date.parse(id.slice(0, 16).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

/**
 * The bucket's dumps past the retention (never the newest complete one nor the last good one), folders
 * without a manifest older than a day, then the blobs no kept manifest names. A blob or folder younger
 * than a day stays: a backup still uploading (its manifest comes last) may need it.
 */
async function pruneRemoteDumps(remote: RemoteStore, cutoff: number, now: number, lastGood?: string) {
  const objects = await listObjects(remote, remoteKey(remote, ''));
  const rel = (key: string) => key.slice(remote.options.prefix.length);
  const folders = new Map<string, { keys: string[]; newest: number; complete: boolean }>();
  for (const o of objects) {
    const [id, name] = rel(o.key).split('/');
    if (!BACKUP_ID.test(id)) continue;
    const f = folders.get(id) ?? { keys: [], newest: 0, complete: false };
    f.keys.push(o.key);
    f.newest = Math.max(f.newest, o.modified.getTime());
    f.complete ||= name === MANIFEST_FILE;
    folders.set(id, f);
  }
  const complete = [...folders.keys()].filter((id) => folders.get(id)!.complete);
  const gone = [
    ...expired(complete, idTime, cutoff, new Set(lastGood ? [lastGood] : [])),
    ...[...folders.keys()].filter((id) => !folders.get(id)!.complete && folders.get(id)!.newest < now - DAY),
  ];
  await deleteKeys(
    remote,
    gone.flatMap((id) => folders.get(id)!.keys),
  );

  const referenced = new Set<string>();
  for (const id of complete.filter((i) => !gone.includes(i))) {
    const bytes = await getBytes(remote, remoteKey(remote, `${id}/${MANIFEST_FILE}`));
    const m = manifestSchema.safeParse(bytes ? JSON.parse(bytes.toString('utf8')) : undefined);
    // A manifest this tool cannot read: its blobs cannot be told apart, so none is removed.
    if (!m.success) return { backupsRemoved: gone, blobsRemoved: 0 };
    const sealing = m.data.encryption ?? undefined;
    if ('blobs' in m.data.files)
      for (const b of m.data.files.blobs)
        referenced.add(remoteKey(remote, storedBlobPath('', b.sha256, sealing)));
  }
  const orphans = objects.filter(
    (o) => rel(o.key).startsWith('blobs/') && !referenced.has(o.key) && o.modified.getTime() < now - DAY,
  );
  await deleteKeys(
    remote,
    orphans.map((o) => o.key),
  );
  return { backupsRemoved: gone, blobsRemoved: orphans.length };
}

import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Errors } from '@trae/kit';

const LOCK = '.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Backups and pruning take turns on BACKUP_DIR: pruning must not remove a blob a running backup has
 * just copied but not yet named in its manifest. A lock left by a process that died is taken over.
 */
export async function withBackupLock<T>(backupDir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const path = join(backupDir, LOCK);
  const owner = `${process.pid}@${hostname()}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600);
      await file.writeFile(owner);
      await file.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0)
        throw lockedBy(await readFile(path, 'utf8').catch(() => '?'));
      const [pid, host] = (await readFile(path, 'utf8').catch(() => '')).split('@');
      if (host === hostname() && !alive(Number(pid))) await rm(path, { force: true });
      else throw lockedBy(`${pid}@${host}`);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

const lockedBy = (owner: string) =>
  Errors.conflict(
    `another backup or prune is running on this BACKUP_DIR (process ${owner}); wait for it to end`,
  );

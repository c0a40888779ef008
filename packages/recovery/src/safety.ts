import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '@trae/kit';
import type { RecoveryConfig } from './config.js';

/** Folders the system empties (reboots, tmp cleaners): a backup there is gone when it is needed. */
const TEMPORARY = ['/tmp', '/var/tmp', '/dev/shm'];

/** The real path of `path`, or of its nearest existing parent joined with the rest (it may not exist yet). */
function real(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(real(parent), relative(parent, abs));
  }
}

const within = (inner: string, outer: string) => {
  const rel = relative(real(outer), real(inner));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * What makes a backup configuration unsafe, one line per variable. In production a backup must
 * survive the loss of what it protects: not in the repository or the image (replaced by every
 * deploy, `.data` beside the database), not in a temporary folder, not inside or around the files
 * store. Anywhere, BACKUP_ENCRYPTION_REQUIRED without BACKUP_ENCRYPTION_KEY is refused.
 */
export function backupSafetyIssues(config: RecoveryConfig, repoRoot: string): string[] {
  const issues: string[] = [];
  if (config.BACKUP_ENCRYPTION_REQUIRED && !config.BACKUP_ENCRYPTION_KEY) {
    issues.push('BACKUP_ENCRYPTION_KEY: required, since BACKUP_ENCRYPTION_REQUIRED is true');
  }
  if (config.NODE_ENV !== 'production') return issues;
  const dir = config.backupDir;
  if (within(dir, repoRoot)) {
    issues.push(
      `BACKUP_DIR: ${dir} is inside the repository (${repoRoot}); production backups go to another disk or volume`,
    );
  }
  const temp = [...new Set([tmpdir(), ...TEMPORARY])].find((t) => within(dir, t));
  if (temp) issues.push(`BACKUP_DIR: ${dir} is in the temporary folder ${temp}, which the system empties`);
  if (config.FILES_STORAGE === 'local' && (within(dir, config.filesDir) || within(config.filesDir, dir))) {
    issues.push(
      `BACKUP_DIR: ${dir} overlaps FILES_DIR (${config.filesDir}); a backup must not share the store`,
    );
  }
  const pgData = join(config.dataDir, 'postgres');
  if (!config.DATABASE_URL && within(dir, pgData)) {
    issues.push(`BACKUP_DIR: ${dir} is inside the embedded PostgreSQL's data folder`);
  }
  return issues;
}

/**
 * Throws the ConfigError a service prints at boot (naming each variable) when the configuration may
 * not back up: the CLI's `backup`, a worker with BACKUP_SCHEDULE at boot, and every backup task.
 */
export function assertSafeBackupConfig(config: RecoveryConfig, repoRoot: string) {
  const issues = backupSafetyIssues(config, repoRoot);
  if (issues.length) {
    throw new ConfigError(`Invalid environment:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  }
}

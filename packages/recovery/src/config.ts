import { join } from 'node:path';
import { loadConfig } from '@trae/kit';
import { findRepoRoot } from '@trae/launcher';
import type { BackupTarget } from './backup.js';
import { type RecoveryEnv, recoveryEnv } from './env.js';
import { remoteOf } from './remote-objects.js';

export { type RecoveryEnv, recoveryEnv, remoteOf };

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
    nice: config.BACKUP_NICE,
    remote: remoteOf(config),
  };
}

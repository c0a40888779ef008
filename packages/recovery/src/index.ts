export { type BackupTarget, type CreateBackupOptions, createBackup } from './backup.js';
export { type BaseBackup, createBaseBackup, listBaseBackups, listRemoteBaseBackups } from './base-backup.js';
export {
  type BackupSummary,
  backupSize,
  isGood,
  lastGoodBackup,
  listBackups,
  type PruneOptions,
  type PruneResult,
  pruneBackups,
} from './catalog.js';
export {
  backupTargetOf,
  loadRecoveryConfig,
  platformRecoveryConfig,
  type RecoveryConfig,
  recoveryEnv,
  remoteOf,
} from './config.js';
export { keyIdOf, parseKey } from './crypto.js';
export { DUMP_COMPRESSION } from './database.js';
export { BACKUP_ID, type Manifest, parseBackupId, readManifest } from './manifest.js';
export { applyMigrations, type MigrateOptions } from './migrate.js';
export { findPgTools, libpq, type PgTools } from './pg-tools.js';
export { formatBytes, formatDuration, type Progress } from './progress.js';
export {
  listRemoteBackups,
  type PushResult,
  pullBackup,
  pushBackup,
  type RemoteOptions,
  type RemoteStore,
  remoteStore,
} from './remote.js';
export { type RestoreOptions, type RestoreSummary, restoreBackup } from './restore.js';
export { pruneRecoveryPoints, type RecoveryPointsPruned } from './retention.js';
export { assertSafeBackupConfig, backupSafetyIssues } from './safety.js';
export { type VerifyOptions, type VerifyReport, verifyBackup } from './verify.js';
export { archiveSegment, fetchSegment, pruneWal, type WalArchive } from './wal-archive.js';

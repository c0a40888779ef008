import type { Principal } from '@trae/kit';
import {
  type BackupSummary,
  isGood,
  listBackups,
  parseBackupId,
  type RecoveryConfig,
  readManifest,
} from '@trae/recovery';
import type { TaskSnapshot } from '../engine/task-row.js';
import type { TaskService } from '../task/task.service.js';
import { nextRun } from '../task/task-factory.js';
import { BackupKind, BackupStatus } from './backup.enums.js';
import type { CreateBackupInput } from './backup.inputs.js';
import type { Backup, BackupOverview } from './backup.types.js';

export interface BackupServiceDeps {
  config: Readonly<RecoveryConfig>;
  tasks: TaskService;
  /** BACKUP_SCHEDULE ('' when off). */
  schedule: string;
}

const toBackup = (b: BackupSummary): Backup => ({
  id: b.id,
  kind: BackupKind.FULL,
  status: b.status === 'complete' ? BackupStatus.COMPLETE : BackupStatus.INCOMPLETE,
  size: b.sizeBytes,
  startedAt: new Date(b.createdAt),
  duration: b.durationMs ?? null,
  encrypted: b.encrypted,
  verified: b.verification ? b.verification.ok : null,
  verifiedAt: b.verification ? new Date(b.verification.verifiedAt) : null,
  problems: b.verification?.problems ?? [],
});

/**
 * The graph's view of BACKUP_DIR. Backing up and verifying are long, so they run as `system` tasks on
 * the workers (progress, logs and history in the task list); restoring stays a CLI operation, since it
 * needs the platform stopped.
 */
export class BackupService {
  constructor(private readonly d: BackupServiceDeps) {}

  async list(): Promise<Backup[]> {
    return (await listBackups(this.d.config.backupDir)).map(toBackup);
  }

  async overview(): Promise<BackupOverview> {
    const good = (await listBackups(this.d.config.backupDir)).find(isGood);
    return {
      schedule: this.d.schedule || null,
      nextRunAt: this.d.schedule ? nextRun(this.d.schedule) : null,
      retentionDays: this.d.config.BACKUP_RETENTION_DAYS,
      encryption: this.d.config.BACKUP_ENCRYPTION_KEY !== undefined,
      lastGood: good ? toBackup(good) : null,
    };
  }

  create(user: Principal, input: CreateBackupInput): Promise<TaskSnapshot> {
    return this.d.tasks.create(user, {
      agent: 'system',
      type: 'backup',
      input: { verify: input.verify, prune: input.prune },
      priority: 50,
      maxAttempts: 1,
    });
  }

  async verify(user: Principal, id: string, trial: boolean): Promise<TaskSnapshot> {
    const backupId = parseBackupId(id);
    // NOT_FOUND (or CONFLICT for an unreadable manifest) here, not from a task failing a moment later.
    await readManifest(this.d.config.backupDir, backupId);
    return this.d.tasks.create(user, {
      agent: 'system',
      type: 'backup_verify',
      input: { id: backupId, trial },
      priority: 50,
      maxAttempts: 1,
    });
  }
}

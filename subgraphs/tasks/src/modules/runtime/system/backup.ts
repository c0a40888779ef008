import {
  assertSafeBackupConfig,
  backupSize,
  backupTargetOf,
  createBackup,
  formatBytes,
  type Manifest,
  type Progress,
  pruneBackups,
  type RecoveryConfig,
  type VerifyReport,
  verifyBackup,
} from '@trae/recovery';
import type { z } from 'zod';
import { type AgentContext, type AgentTask, PermanentTaskError } from '../agent.js';
import type { backupInput, verifyBackupInput } from './system.schema.js';

export type BackupKind = 'backup' | 'verify';

/** What a backup task needs: @trae/recovery's settings, the platform's database, and where outcomes go. */
export interface BackupDeps {
  config: Readonly<RecoveryConfig>;
  repoRoot: string;
  /** DATABASE_URL: one user for every subgraph schema, as the launcher and the manifests give each service. */
  databaseUrl: string;
  timeoutMs: number;
  /** Every run's outcome: the worker counts it, and logs a failure as an error (which feeds error groups). */
  onOutcome(kind: BackupKind, error?: Error): void;
}

/** The schedule (no creator) or an ADMIN: a demoted admin's queued backup does not run. */
function assertMayBackUp(task: AgentTask) {
  if (task.createdBy !== null && task.createdByRole !== 'ADMIN')
    throw new PermanentTaskError('backups are for ADMIN only');
}

/**
 * Progress from recovery's lines: each line moves the bar a third of the way to its phase's end, so it
 * always moves and never claims a phase is over before it is.
 */
function phases(ctx: AgentContext) {
  let percent = 0;
  return (end: number): Progress =>
    (line) => {
      percent += (end - percent) / 3;
      ctx.progress(percent, line);
    };
}

type Target = ReturnType<typeof backupTargetOf> & { signal: AbortSignal };

/**
 * Checks who may run it, then runs `work` and reports the outcome. Recovery's refusals carry a code
 * (NOT_FOUND, CONFLICT, BAD_USER_INPUT): a retry would meet them again, so the task fails at once;
 * anything else (the database away) is retried.
 */
async function backupRun<T>(
  kind: BackupKind,
  deps: BackupDeps,
  task: AgentTask,
  ctx: AgentContext,
  work: (target: Target, phase: (end: number) => Progress) => Promise<T>,
): Promise<T> {
  assertMayBackUp(task);
  try {
    // ctx.signal: a cancel or a timeout kills pg_dump / pg_restore / psql, not only marks the task.
    const target = { ...backupTargetOf(deps.config, deps.databaseUrl), signal: ctx.signal };
    const result = await work(target, phases(ctx));
    deps.onOutcome(kind);
    return result;
  } catch (err) {
    deps.onOutcome(kind, err as Error);
    const code = (err as { extensions?: { code?: string } }).extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') throw new PermanentTaskError((err as Error).message);
    throw err;
  }
}

const refused = (r: VerifyReport) =>
  new PermanentTaskError(`backup ${r.id} is NOT good: ${r.problems.join('; ')}`.slice(0, 2_000));

const summary = (m: Manifest) => ({
  id: m.id,
  createdAt: m.createdAt,
  durationMs: m.durationMs,
  sizeBytes: backupSize(m),
  encrypted: m.encryption !== null,
  schemas: m.database.schemas,
  rows: m.database.tables.reduce((n, t) => n + t.rows, 0),
  files: 'blobs' in m.files ? m.files.blobs.length : null,
});

/** `backup`: one backup of the platform, then (as asked) its verification and the retention pass. */
export function runBackup(
  input: z.infer<typeof backupInput>,
  deps: BackupDeps,
  task: AgentTask,
  ctx: AgentContext,
) {
  return backupRun('backup', deps, task, ctx, async (target, phase) => {
    try {
      assertSafeBackupConfig(deps.config, deps.repoRoot);
    } catch (err) {
      throw new PermanentTaskError((err as Error).message);
    }
    const manifest = await createBackup({ ...target, repoRoot: deps.repoRoot, onProgress: phase(70) });
    const made = summary(manifest);
    ctx.log(
      'INFO',
      `backup ${made.id}: ${formatBytes(made.sizeBytes)}, ${made.rows} rows, ${made.files ?? 0} files`,
    );
    let verification: VerifyReport | null = null;
    if (input.verify) {
      verification = await verifyBackup({ ...target, id: manifest.id, onProgress: phase(95) });
      if (!verification.ok) throw refused(verification);
    }
    const pruned = input.prune
      ? await pruneBackups({
          backupDir: target.backupDir,
          retentionDays: deps.config.BACKUP_RETENTION_DAYS,
          remote: target.remote,
        })
      : null;
    if (pruned)
      ctx.log(
        'INFO',
        `retention removed ${pruned.removed.length} backups, ${pruned.blobsRemoved} blobs, ${pruned.basesRemoved.length} base backups, ${pruned.wal.local + pruned.wal.remote} WAL files`,
      );
    ctx.progress(100, `backup ${made.id} done`);
    return {
      ...made,
      verified: verification ? verification.ok : null,
      pruned: pruned && {
        removed: pruned.removed,
        blobsRemoved: pruned.blobsRemoved,
        bytesFreed: pruned.bytesFreed,
      },
    };
  });
}

/** `backup_verify`: checksums, `pg_restore --list` and (unless `trial: false`) a trial restore. */
export function runVerify(
  input: z.infer<typeof verifyBackupInput>,
  deps: BackupDeps,
  task: AgentTask,
  ctx: AgentContext,
) {
  return backupRun('verify', deps, task, ctx, async (target, phase) => {
    const report = await verifyBackup({ ...target, id: input.id, trial: input.trial, onProgress: phase(95) });
    if (!report.ok) throw refused(report);
    ctx.progress(100, `backup ${report.id} is good`);
    return report;
  });
}

import { lastGoodBackup } from '@trae/recovery';
import { Gauge, type Registry } from 'prom-client';

/**
 * `backup_last_success_timestamp_seconds` (0: none yet) and `backup_scheduled` (0/1), read from
 * BACKUP_DIR when /metrics is scraped: observability turns them into the `backup_age_hours` series
 * and the backup line of `systemHealth`.
 */
export function backupGauges(registry: Registry, backupDir: string, scheduled: boolean): void {
  new Gauge({
    name: 'backup_last_success_timestamp_seconds',
    help: 'When the newest good backup (complete, not refused by verify) was taken; 0 when there is none',
    registers: [registry],
    async collect() {
      const last = await lastGoodBackup(backupDir).catch(() => undefined);
      // Unreadable BACKUP_DIR: no sample this time rather than a false "none".
      if (last !== undefined) this.set(last ? last.createdAt.getTime() / 1000 : 0);
    },
  });
  new Gauge({
    name: 'backup_scheduled',
    help: 'BACKUP_SCHEDULE is set: the workers back up on it (1), or not (0)',
    registers: [registry],
    collect() {
      this.set(scheduled ? 1 : 0);
    },
  });
}

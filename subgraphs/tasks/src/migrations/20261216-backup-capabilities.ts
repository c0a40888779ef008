import { Migration } from '@mikro-orm/migrations';

/**
 * Built-in personas are only inserted when missing (admins may have edited them), so an existing
 * `system` persona would never offer the backup capabilities; this adds them to it once.
 */
export class BackupCapabilities20261216 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `update agent_personas set capabilities = capabilities || '["backup", "backup_verify"]'::jsonb
        where name = 'system' and runtime = 'system' and not capabilities @> '["backup"]'::jsonb;`,
    );
  }
}

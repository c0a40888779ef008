import { Migration } from '@mikro-orm/migrations';

/** As for the backups: an existing `system` persona gains the Base44 user sync once. */
export class Base44Sync20261226 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `update agent_personas set capabilities = capabilities || '["base44_sync_user"]'::jsonb
        where name = 'system' and runtime = 'system' and not capabilities @> '["base44_sync_user"]'::jsonb;`,
    );
  }
}

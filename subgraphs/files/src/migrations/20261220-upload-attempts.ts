import { Migration } from '@mikro-orm/migrations';

/**
 * Who holds an upload and which attempt it is: a restarted instance frees the uploads it held when it
 * died, and a stale attempt can no longer publish, renew or release the attempt that took over.
 */
export class UploadAttempts20261220 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table files add column lease_owner varchar(255) null, add column upload_attempt uuid null;
    `);
  }
}

#!/usr/bin/env node
import { keyIdOf } from './crypto.js';
import { recoveryEnv } from './env.js';
import { remoteOf } from './remote-objects.js';
import { archiveSegment, fetchSegment, type WalArchive } from './wal-archive.js';

/**
 * PostgreSQL's archive_command and restore_command when WAL is encrypted or goes to the bucket:
 *   wal-command.js push <%p> <%f> <BACKUP_DIR>     wal-command.js fetch <%f> <%p> <BACKUP_DIR>
 * BACKUP_ENCRYPTION_KEY and BACKUP_S3_* come from the server's environment, never the command line.
 * Exit 0 when done, 1 otherwise (PostgreSQL retries an archive and ends a recovery on a missing file).
 */
async function main(argv: string[]): Promise<number> {
  const [command, a, b, backupDir] = argv;
  if (!backupDir || (command !== 'push' && command !== 'fetch')) {
    process.stderr.write(
      'usage: wal-command.js push <path> <name> <backupDir> | fetch <name> <path> <backupDir>\n',
    );
    return 2;
  }
  // Not config.ts: see env.ts. A bad variable throws here, naming it, into PostgreSQL's log.
  const env = recoveryEnv.parse(process.env);
  const key = env.BACKUP_ENCRYPTION_KEY;
  const remote = remoteOf(env);
  const archive: WalArchive = { backupDir, sealing: key && { key, keyId: keyIdOf(key) }, remote };
  try {
    if (command === 'push') {
      await archiveSegment(archive, a, b);
      return 0;
    }
    return (await fetchSegment(archive, a, b)) ? 0 : 1;
  } finally {
    remote?.client.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`trae wal ${process.argv[2]}: ${err.message}\n`);
    process.exit(1);
  },
);

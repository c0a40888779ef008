import { randomBytes } from 'node:crypto';
import type { Logger } from '@trae/kit';
import type { IdentityConfig } from '../../config.js';
import type { UserService } from './user.service.js';

/**
 * Makes sure someone can administer a new installation. With ADMIN_EMAIL and ADMIN_PASSWORD set
 * those are used; otherwise a password is generated and printed once. Later boots find an admin and
 * do nothing, so the password is never printed twice.
 */
export async function ensureFirstAdmin(
  users: UserService,
  config: IdentityConfig,
  logger: Logger,
): Promise<void> {
  if ((await users.countAdmins()) > 0) return;
  const generated = !config.ADMIN_PASSWORD;
  const password = config.ADMIN_PASSWORD ?? randomBytes(15).toString('base64url');
  const email = config.ADMIN_EMAIL ?? `${config.ADMIN_USERNAME}@localhost`;
  try {
    // Verified: it came from whoever set up the installation, and nobody may be able to read its inbox.
    await users.create({ username: config.ADMIN_USERNAME, email, password, role: 'ADMIN', verified: true });
  } catch (err) {
    // Another instance booting at the same moment created it first.
    if ((await users.countAdmins()) > 0) return;
    throw err;
  }
  if (generated) {
    // Straight to stdout, not through the logger: log shipping must never carry a password to storage.
    const line = {
      level: 40,
      time: new Date().toISOString(),
      service: 'identity',
      msg: 'first admin created',
      username: config.ADMIN_USERNAME,
      email,
      password,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else
    logger.info(
      { username: config.ADMIN_USERNAME, email },
      'first admin created from ADMIN_EMAIL/ADMIN_PASSWORD',
    );
}

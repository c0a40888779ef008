import { randomBytes } from 'node:crypto';
import type { Logger } from '@trae/kit';
import type { IdentityConfig } from '../../config.js';
import type { UserService } from './user.service.js';

/**
 * Makes sure someone can administer a new installation. With ADMIN_EMAIL and ADMIN_PASSWORD set
 * those are used; otherwise a password is generated and logged once. Later boots find an admin and
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
    await users.create({ username: config.ADMIN_USERNAME, email, password, role: 'ADMIN' });
  } catch (err) {
    // Another instance booting at the same moment created it first.
    if ((await users.countAdmins()) > 0) return;
    throw err;
  }
  if (generated) logger.warn({ username: config.ADMIN_USERNAME, email, password }, 'first admin created');
  else
    logger.info(
      { username: config.ADMIN_USERNAME, email },
      'first admin created from ADMIN_EMAIL/ADMIN_PASSWORD',
    );
}

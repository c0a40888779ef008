import { createLogger, createOrm } from '@trae/kit';
import { loadIdentityConfig } from '../../config.js';
import { migrations } from '../../migrations/index.js';
import { entities } from '../../server.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../user/user.entity.js';
import { byLogin } from '../user/user.service.js';
import { AccountTokens } from './account-tokens.js';
import { ResetLinks } from './reset-links.js';

/** The port `npm start`'s embedded PostgreSQL listens on (the launcher's EMBEDDED_PG_PORT). */
const EMBEDDED_PG_PORT = '54329';

/** Why no link was made, in words for the person at the terminal. */
export class AdminResetError extends Error {}

/**
 * `npm run admin:reset-password -- <username>`: a one-time reset link for the account, for when its
 * password (the first admin's, typically) is lost and no email reaches its owner. Only the database is
 * needed: with DATABASE_URL unset it is `npm start`'s embedded one, which must be running.
 */
export async function adminResetLink(
  login: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ link: string; minutes: number; username: string }> {
  const config = loadIdentityConfig({
    ...env,
    DATABASE_URL:
      env.DATABASE_URL ||
      `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT || EMBEDDED_PG_PORT}/trae`,
  });
  const logger = createLogger('identity', 'warn');
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'identity',
    entities,
    migrations,
    logger,
  }).catch((err: unknown) => {
    throw new AdminResetError(
      `cannot reach the database (${(err as { code?: string }).code ?? 'error'}): set DATABASE_URL, or keep npm start running`,
    );
  });
  try {
    const user = await orm.em.fork().findOne(User, byLogin(login));
    if (!user) throw new AdminResetError(`no account is named ${JSON.stringify(login)}`);
    if (user.disabled) throw new AdminResetError(`${user.username} is disabled; enable it first`);
    const links = new ResetLinks(new AccountTokens(orm), new AuditService(orm), {
      publicUrl: config.GATEWAY_URL,
      ttlMinutes: config.PASSWORD_RESET_TTL_MINUTES,
    });
    const link = await links.issue(user, 'cli');
    return { link, minutes: config.PASSWORD_RESET_TTL_MINUTES, username: user.username };
  } finally {
    await orm.close();
  }
}

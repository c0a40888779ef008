import 'reflect-metadata';
import {
  createLogger,
  createOrm,
  createRedis,
  createService,
  type Logger,
  revocationChannel,
  type Service,
  serviceSettings,
} from '@trae/kit';
import type { IdentityConfig } from './config.js';
import { identityContext } from './context.js';
import { identityRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { ApiKey } from './modules/api-key/api-key.entity.js';
import { ApiKeyService } from './modules/api-key/api-key.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { AuthService } from './modules/auth/auth.service.js';
import { LoginThrottle } from './modules/auth/login-throttle.js';
import { RefreshToken } from './modules/auth/refresh-token.entity.js';
import { Revocations } from './modules/auth/revocations.js';
import { SigningKey } from './modules/signing-key/signing-key.entity.js';
import { KeyService } from './modules/signing-key/signing-key.service.js';
import { ensureFirstAdmin } from './modules/user/first-admin.js';
import { User } from './modules/user/user.entity.js';
import { UserService } from './modules/user/user.service.js';
import { buildIdentitySchema } from './schema.js';

export { buildIdentitySchema };
export const VERSION = '0.1.0';
export const entities = [User, RefreshToken, ApiKey, AuditEvent, SigningKey];

export interface Identity extends Service {
  services: {
    users: UserService;
    auth: AuthService;
    apiKeys: ApiKeyService;
    audit: AuditService;
    keys: KeyService;
  };
}

export async function createIdentity(
  config: IdentityConfig,
  logger: Logger = createLogger('identity', config.LOG_LEVEL),
): Promise<Identity> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'identity',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const keys = await KeyService.load(
    orm,
    { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
    config.JWT_PRIVATE_KEY,
  );
  const revocations = new Revocations(redis, revocationChannel(config.REDIS_PREFIX), {
    accessTokenSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    apiKeyTokenSeconds: config.API_KEY_TOKEN_TTL_SECONDS,
  });
  const audit = new AuditService(orm);
  const users = new UserService(orm, audit, revocations);
  const throttle = new LoginThrottle(redis, {
    maxFailures: config.LOGIN_MAX_FAILURES,
    windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    accountMaxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
    backoffMaxSeconds: config.LOGIN_BACKOFF_MAX_SECONDS,
  });
  const auth = new AuthService(orm, users, keys, throttle, audit, revocations, config.REFRESH_TOKEN_TTL_DAYS);
  const apiKeys = new ApiKeyService(orm, keys, audit, revocations, config.API_KEY_TOKEN_TTL_SECONDS);
  await ensureFirstAdmin(users, config, logger);

  const service = await createService({
    name: 'identity',
    version: VERSION,
    schema: await buildIdentitySchema(),
    orm,
    redis,
    logger,
    // identity verifies with its own keys, not by asking itself for them over HTTP.
    ...serviceSettings(config, { keySet: keys.localKeySet() }),
    routes: identityRoutes(keys, apiKeys, users, config.INTERNAL_SECRET),
    extendContext: identityContext({ users, auth, apiKeys, audit }),
  });
  return Object.assign(service, { services: { users, auth, apiKeys, audit, keys } });
}

import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  createMailer,
  createOrm,
  createRedis,
  createService,
  integrationMetrics,
  Limit,
  type Logger,
  OutboxRelay,
  requireMail,
  revocationChannel,
  type Service,
  SMTP_SERVICE,
  serviceSettings,
} from '@trae/kit';
import { Registry } from 'prom-client';
import type { IdentityConfig } from './config.js';
import { identityContext } from './context.js';
import { identityRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { AccountService } from './modules/account/account.service.js';
import { AccountToken } from './modules/account/account-token.entity.js';
import { AccountTokens } from './modules/account/account-tokens.js';
import { MailLimiter } from './modules/account/mail-limiter.js';
import { Outbox } from './modules/account/outbox.js';
import { ResetLinks } from './modules/account/reset-links.js';
import { VerificationService } from './modules/account/verification.service.js';
import { ApiKey } from './modules/api-key/api-key.entity.js';
import { ApiKeyService } from './modules/api-key/api-key.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { AuthService } from './modules/auth/auth.service.js';
import { LoginThrottle } from './modules/auth/login-throttle.js';
import { RefreshToken } from './modules/auth/refresh-token.entity.js';
import { Revocations } from './modules/auth/revocations.js';
import { OutboxEvent } from './modules/event/outbox-event.entity.js';
import { LinkedIdentity } from './modules/oidc/linked-identity.entity.js';
import { OidcService } from './modules/oidc/oidc.service.js';
import { OidcAccounts } from './modules/oidc/oidc-accounts.js';
import { OidcClients } from './modules/oidc/oidc-clients.js';
import { OidcFlows } from './modules/oidc/oidc-flows.js';
import { Ceremonies } from './modules/passkey/ceremonies.js';
import { relyingParty } from './modules/passkey/passkey.config.js';
import { Passkey } from './modules/passkey/passkey.entity.js';
import { PasskeyService } from './modules/passkey/passkey.service.js';
import { PasskeySignIn } from './modules/passkey/passkey-sign-in.js';
import { PasswordlessPasskeys } from './modules/passkey/passwordless.js';
import { UserSession } from './modules/session/session.entity.js';
import { SessionService } from './modules/session/session.service.js';
import { SigningKey } from './modules/signing-key/signing-key.entity.js';
import { KeyService } from './modules/signing-key/signing-key.service.js';
import { Challenges } from './modules/two-factor/challenges.js';
import { RecoveryCode } from './modules/two-factor/recovery-code.entity.js';
import { SecretBox } from './modules/two-factor/secret-box.js';
import { UserTotp } from './modules/two-factor/totp.entity.js';
import { TwoFactorService } from './modules/two-factor/two-factor.service.js';
import { ensureFirstAdmin } from './modules/user/first-admin.js';
import { User } from './modules/user/user.entity.js';
import { UserService } from './modules/user/user.service.js';
import { UserEvents } from './modules/user/user-events.js';
import { buildIdentitySchema } from './schema.js';

export { buildIdentitySchema };
export const VERSION = '0.1.0';
export const entities = [
  User,
  RefreshToken,
  ApiKey,
  AuditEvent,
  SigningKey,
  AccountToken,
  UserSession,
  UserTotp,
  RecoveryCode,
  LinkedIdentity,
  Passkey,
  OutboxEvent,
];

export interface Identity extends Service {
  /** Its database (tests inspect the outbox through it). */
  orm: MikroORM;
  services: {
    users: UserService;
    userEvents: UserEvents;
    outboxRelay: OutboxRelay;
    auth: AuthService;
    apiKeys: ApiKeyService;
    audit: AuditService;
    keys: KeyService;
    accounts: AccountService;
    verification: VerificationService;
    sessions: SessionService;
    twoFactor: TwoFactorService;
    oidc: OidcService;
    passkeys: PasskeyService;
    passkeySignIn: PasskeySignIn;
    passwordless: PasswordlessPasskeys;
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
  // After the migrations (a MIGRATE_ONLY run stops inside createOrm and sends no email): password resets
  // and email verification are always on, so production needs a real mail server.
  requireMail(config, 'identity (password reset and email verification)');
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
  const sessions = new SessionService(orm, revocations, audit, config.REFRESH_TOKEN_TTL_DAYS);
  // `eventId`: consumers fold redeliveries of a user's change (one pending sync per user).
  const outboxRelay = new OutboxRelay(orm, redis, logger.child({ component: 'outbox' }), {
    entity: OutboxEvent,
    lock: 'identity:outbox',
    intervalMs: config.OUTBOX_INTERVAL_MS,
    eventId: true,
  });
  const userEvents = new UserEvents(orm, outboxRelay);
  const users = new UserService(orm, audit, revocations, sessions, userEvents);
  const throttle = new LoginThrottle(redis, {
    maxFailures: config.LOGIN_MAX_FAILURES,
    windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    accountMaxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
    backoffMaxSeconds: config.LOGIN_BACKOFF_MAX_SECONDS,
  });
  // Its metrics join the service's registry once createService has made it.
  const integrations = new Registry();
  const mailer = createMailer(config, logger, { metrics: { registry: integrations } });
  const outbox = new Outbox(mailer, logger.child({ component: 'account-mail' }));
  const tokens = new AccountTokens(orm);
  const mailLimits = new MailLimiter(redis, {
    perAddressPerHour: config.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR,
    perAccountPerHour: config.ACCOUNT_EMAILS_PER_ACCOUNT_PER_HOUR,
  });
  // Wrong link tokens per client address: they are unguessable, so many failures are someone probing.
  const linkFailures = new Limit(
    redis,
    'account-link:fail',
    config.LOGIN_MAX_FAILURES * 2,
    config.LOGIN_WINDOW_MINUTES * 60,
  );
  const verification = new VerificationService(users, tokens, outbox, mailLimits, linkFailures, audit, {
    publicUrl: config.GATEWAY_URL,
    ttlMinutes: config.EMAIL_VERIFICATION_TTL_HOURS * 60,
  });
  const accounts = new AccountService(
    orm,
    users,
    sessions,
    tokens,
    verification,
    outbox,
    mailLimits,
    linkFailures,
    throttle,
    audit,
    new ResetLinks(tokens, audit, {
      publicUrl: config.GATEWAY_URL,
      ttlMinutes: config.PASSWORD_RESET_TTL_MINUTES,
    }),
  );
  const challenges = new Challenges(redis, config.TWO_FACTOR_CHALLENGE_SECONDS);
  // One allowance for every kind of second factor, so switching between them buys no extra guesses.
  const secondFactorFailures = new Limit(
    redis,
    'two-factor:fail',
    config.TWO_FACTOR_MAX_FAILURES,
    config.LOGIN_WINDOW_MINUTES * 60,
  );
  const twoFactor = new TwoFactorService(
    orm,
    new SecretBox(config.TOTP_ENCRYPTION_KEY),
    challenges,
    secondFactorFailures,
    audit,
    { issuer: config.TOTP_ISSUER, requireForAdmins: config.REQUIRE_2FA_FOR_ADMINS },
  );
  const rp = relyingParty(config);
  const ceremonies = new Ceremonies(redis, config.WEBAUTHN_CHALLENGE_SECONDS);
  const passkeys = new PasskeyService(orm, rp, ceremonies, audit);
  const passkeySignIn = new PasskeySignIn(orm, rp, ceremonies, challenges, secondFactorFailures, audit);
  const passwordless = new PasswordlessPasskeys(
    orm,
    rp,
    ceremonies,
    {
      // Each start holds a challenge in Redis for WEBAUTHN_CHALLENGE_SECONDS: plenty for people.
      starts: new Limit(redis, 'passkey:start', 30, 60),
      failures: new Limit(
        redis,
        'passkey:fail',
        config.LOGIN_MAX_FAILURES * 2,
        config.LOGIN_WINDOW_MINUTES * 60,
      ),
    },
    audit,
  );
  const auth = new AuthService(
    orm,
    users,
    keys,
    throttle,
    audit,
    sessions,
    {
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      requireEmailVerification: config.REQUIRE_EMAIL_VERIFICATION,
    },
    twoFactor,
    // In the background: a mail server that is down must not fail the sign-up (the link can be re-sent).
    async (user, client) => outbox.later(() => verification.send(user, user.email, client)),
  );
  const apiKeys = new ApiKeyService(orm, keys, audit, revocations, config.API_KEY_TOKEN_TTL_SECONDS);
  const oidc = new OidcService(
    new OidcClients(config.OIDC_PROVIDERS, { publicUrl: config.GATEWAY_URL }),
    new OidcFlows(redis, config.OIDC_FLOW_TTL_SECONDS),
    new OidcAccounts(orm, users, audit),
    auth,
    users,
    audit,
    {
      // Each start holds a flow in Redis for OIDC_FLOW_TTL_SECONDS: plenty for people, not for a flood.
      starts: new Limit(redis, 'oidc:start', 30, 60),
      failures: new Limit(redis, 'oidc:fail', config.OIDC_MAX_FAILURES, config.LOGIN_WINDOW_MINUTES * 60),
    },
    { publicUrl: config.GATEWAY_URL, logger: logger.child({ component: 'oidc' }) },
  );
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
    routes: identityRoutes(keys, apiKeys, users, oidc, config.INTERNAL_SECRET, {
      flowSeconds: config.OIDC_FLOW_TTL_SECONDS,
      secureCookie: new URL(config.GATEWAY_URL).protocol === 'https:',
    }),
    extendContext: identityContext({
      users,
      auth,
      apiKeys,
      audit,
      accounts,
      verification,
      sessions,
      twoFactor,
      oidc,
      passkeys,
      passkeySignIn,
      passwordless,
    }),
    // Account email goes through it: systemHealth shows it as EXTERNAL (verified, nothing sent).
    external: mailer.mode === 'smtp' ? { [SMTP_SERVICE]: () => mailer.verify() } : {},
    onStop: async () => {
      // What is committed and not yet sent stays in the outbox for the next instance to relay.
      await outboxRelay.stop();
      await outbox.close();
    },
  });
  for (const metric of Object.values(integrationMetrics(integrations)))
    service.metrics.registry.registerMetric(metric);
  outboxRelay.start();
  return Object.assign(service, {
    orm,
    services: {
      users,
      userEvents,
      outboxRelay,
      auth,
      apiKeys,
      audit,
      keys,
      accounts,
      verification,
      sessions,
      twoFactor,
      oidc,
      passkeys,
      passkeySignIn,
      passwordless,
    },
  });
}

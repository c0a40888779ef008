import { baseEnv, loadConfig, onOff, secret, z } from '@trae/kit';
import { oidcProductionIssues, oidcProviders } from './modules/oidc/oidc.config.js';
import { webauthnIssues, webauthnOrigins } from './modules/passkey/passkey.config.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const identityEnv = baseEnv
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4001),
    ADMIN_USERNAME: z.string().min(3).default('admin'),
    ADMIN_EMAIL: optional.pipe(z.string().email().optional()),
    ADMIN_PASSWORD: optional.pipe(z.string().min(12).max(256).optional()),
    /** PKCS#8 PEM of an Ed25519 key. Unset: a key is generated once and kept in the database. */
    JWT_PRIVATE_KEY: optional,
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Access tokens minted for API keys are short so a revoked key stops working quickly everywhere. */
    API_KEY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    /** Failures from one client address that lock that address out of the account for the window. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    /** Failures from all addresses past which the account's logins are slowed (backoff), never locked. */
    LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** How long an emailed password-reset link works (once). Links point at GATEWAY_URL, the public address. */
    PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
    EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    /** On: an account whose email is unconfirmed cannot sign in (EMAIL_NOT_VERIFIED) until it follows the link. */
    REQUIRE_EMAIL_VERIFICATION: onOff.transform((v) => v ?? false),
    /** Account emails (reset, verification) one client address may ask for per hour, whatever the address. */
    ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /** Account emails one email address may be sent per hour, whether or not an account has it. */
    ACCOUNT_EMAILS_PER_ACCOUNT_PER_HOUR: z.coerce.number().int().min(1).default(3),
    /**
     * Encrypts TOTP secrets at rest (AES-256-GCM) and keys the recovery codes' hashes. Production must set
     * its own (32 bytes or more); changing it turns every enrolled second factor off in effect.
     */
    TOTP_ENCRYPTION_KEY: secret('trae-dev-totp-encryption-key-change-me'),
    /** The name authenticator apps show beside the account. */
    TOTP_ISSUER: z.string().min(1).max(64).default('TRAE.AI'),
    /** On: ADMIN sign-ins without a second factor are refused with TWO_FACTOR_ENROLMENT_REQUIRED. */
    REQUIRE_2FA_FOR_ADMINS: onOff.transform((v) => v ?? false),
    /** How long the challenge token of a password-proven sign-in waits for its second factor. */
    TWO_FACTOR_CHALLENGE_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    /** Wrong second-factor codes (and refused passkeys) per account within LOGIN_WINDOW_MINUTES before RATE_LIMITED. */
    TWO_FACTOR_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
    /**
     * Passkeys (WebAuthn): the domain they are bound to. Unset: GATEWAY_URL's host (`localhost` when that
     * is an address, which browsers refuse). Changing it orphans every registered passkey.
     */
    WEBAUTHN_RP_ID: optional,
    /** The name the browser's passkey prompt shows. */
    WEBAUTHN_RP_NAME: z.string().min(1).max(64).default('TRAE.AI'),
    /**
     * Comma-separated page origins passkey answers may come from (the dashboard's). Unset: GATEWAY_URL's.
     * Each must be within WEBAUTHN_RP_ID, and https in production (localhost aside).
     */
    WEBAUTHN_ORIGINS: webauthnOrigins,
    /** How long passkey options wait for the browser's answer (they work once). */
    WEBAUTHN_CHALLENGE_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    /**
     * Sign-in with OpenID Connect: a JSON array of `{ id, name, issuer, clientId, clientSecret, scopes?,
     * roleMapping?: { claim, values: { <claim value>: ROLE }, defaultRole } }`. Each provider's redirect
     * URI is `<GATEWAY_URL>/auth/oidc/<id>/callback`. Production refuses http issuers and missing secrets.
     */
    OIDC_PROVIDERS: oidcProviders,
    /** How long a started provider sign-in (its state, nonce and PKCE verifier) waits for the callback. */
    OIDC_FLOW_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
    /** Failed provider callbacks and code exchanges per client address within LOGIN_WINDOW_MINUTES. */
    OIDC_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
    /** How often the outbox relay sends `user.changed` events that could not be sent right after their commit. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  })
  .superRefine(oidcProductionIssues)
  .superRefine(webauthnIssues);

export type IdentityConfig = z.infer<typeof identityEnv>;

export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(identityEnv, env);

import { type BaseContext, byIdLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { AccountService } from './modules/account/account.service.js';
import type { VerificationService } from './modules/account/verification.service.js';
import type { ApiKeyService } from './modules/api-key/api-key.service.js';
import type { AuditService } from './modules/audit/audit.service.js';
import type { AuthService } from './modules/auth/auth.service.js';
import type { OidcService } from './modules/oidc/oidc.service.js';
import type { PasskeyService } from './modules/passkey/passkey.service.js';
import type { PasskeySignIn } from './modules/passkey/passkey-sign-in.js';
import type { PasswordlessPasskeys } from './modules/passkey/passwordless.js';
import type { ClientInfo, SessionService } from './modules/session/session.service.js';
import type { TwoFactorService } from './modules/two-factor/two-factor.service.js';
import type { User } from './modules/user/user.entity.js';
import type { UserService } from './modules/user/user.service.js';

export interface IdentityServices {
  users: UserService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  accounts: AccountService;
  verification: VerificationService;
  sessions: SessionService;
  twoFactor: TwoFactorService;
  oidc: OidcService;
  passkeys: PasskeyService;
  passkeySignIn: PasskeySignIn;
  passwordless: PasswordlessPasskeys;
}

export interface IdentityContext extends BaseContext {
  services: IdentityServices;
  loaders: { user: DataLoader<string, User | null> };
}

/** The address the gateway signed for (never a client-sent header) and the user agent it passed on. */
export const clientOf = (ctx: BaseContext): ClientInfo => ({
  ip: ctx.clientIp,
  userAgent: ctx.req?.get('user-agent'),
});

/** Per request: one batched user loader, so `_entities` for many users is one query. */
export function identityContext(services: IdentityServices) {
  return (base: BaseContext): IdentityContext => ({
    ...base,
    services,
    loaders: {
      user: byIdLoader((ids) => services.users.findByIds(ids)),
    },
  });
}

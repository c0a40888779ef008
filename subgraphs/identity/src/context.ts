import { type BaseContext, byIdLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { ApiKeyService } from './modules/api-key/api-key.service.js';
import type { AuditService } from './modules/audit/audit.service.js';
import type { AuthService } from './modules/auth/auth.service.js';
import type { User } from './modules/user/user.entity.js';
import type { UserService } from './modules/user/user.service.js';

export interface IdentityServices {
  users: UserService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  audit: AuditService;
}

export interface IdentityContext extends BaseContext {
  services: IdentityServices;
  loaders: { user: DataLoader<string, User | null> };
}

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

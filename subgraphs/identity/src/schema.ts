import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import { AccountResolver } from './modules/account/account.resolver.js';
import { ApiKeyResolver } from './modules/api-key/api-key.resolver.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { LinkedIdentityResolver } from './modules/oidc/linked-identity.resolver.js';
import { OidcResolver } from './modules/oidc/oidc.resolver.js';
import { PasskeyResolver } from './modules/passkey/passkey.resolver.js';
import { SessionResolver } from './modules/session/session.resolver.js';
import { TwoFactorResolver } from './modules/two-factor/two-factor.resolver.js';
import { userReference } from './modules/user/user.reference.js';
import { UserResolver } from './modules/user/user.resolver.js';

/** Needs no database: the composition script prints the SDL from this. */
export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      UserResolver,
      AuthResolver,
      AccountResolver,
      SessionResolver,
      TwoFactorResolver,
      PasskeyResolver,
      OidcResolver,
      LinkedIdentityResolver,
      ApiKeyResolver,
      AuditResolver,
    ],
    referenceResolvers: userReference,
  });
}

import { z } from '@trae/kit';

/** Roles a provider's claim may grant (GUEST is nobody signed in, so it is never granted). */
const grantable = z.enum(['ADMIN', 'USER', 'AGENT']);

const provider = z.object({
  /** In the routes (`/auth/oidc/<id>/start`) and the dashboard's buttons. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, 1 to 32'),
  /** The button's words: "Sign in with <name>". */
  name: z.string().min(1).max(64),
  /** Discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: z.url(),
  clientId: z.string().min(1),
  /** Unset: a public client (PKCE only), refused in production. */
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().regex(/^\S+$/)).min(1).default(['openid', 'email', 'profile']),
  /**
   * The provider's groups decide the role at every sign-in through it: the first role (ADMIN, USER,
   * AGENT order) one of the claim's values maps to, else `defaultRole`.
   */
  roleMapping: z
    .object({
      claim: z.string().min(1).default('groups'),
      values: z.record(z.string(), grantable),
      defaultRole: grantable.default('USER'),
    })
    .optional(),
});

export type OidcProviderConfig = z.infer<typeof provider>;

/** OIDC_PROVIDERS: a JSON array of providers; unset or empty, no provider buttons. */
export const oidcProviders = z
  .string()
  .optional()
  .transform((v, ctx): unknown => {
    if (!v?.trim()) return [];
    try {
      return JSON.parse(v);
    } catch {
      // Never repeat the value: it carries client secrets.
      ctx.addIssue({ code: 'custom', message: 'expected a JSON array of providers' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(provider).refine((list) => new Set(list.map((p) => p.id)).size === list.length, {
      message: 'two providers share an id',
    }),
  );

/**
 * What production refuses (on the whole config, as it needs NODE_ENV): a provider reached over plain
 * HTTP (its tokens and our client secret would cross the network readable), or one with no secret.
 */
export function oidcProductionIssues(
  config: { NODE_ENV: string; OIDC_PROVIDERS: OidcProviderConfig[] },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV !== 'production') return;
  config.OIDC_PROVIDERS.forEach((p, i) => {
    if (new URL(p.issuer).protocol !== 'https:')
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_PROVIDERS', i, 'issuer'],
        message: 'must be https in production',
      });
    if (!p.clientSecret)
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_PROVIDERS', i, 'clientSecret'],
        message: 'required in production',
      });
  });
}

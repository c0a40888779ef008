import type { Role } from '../user/user.enums.js';
import type { OidcProviderConfig } from './oidc.config.js';

/** Strongest first: a person in both the admins' and the users' group is an ADMIN. */
const ORDER = ['ADMIN', 'USER', 'AGENT'] as const;

/** The role a provider's claim grants, or undefined when the provider maps no roles. */
export function mappedRole(provider: OidcProviderConfig, claims: Record<string, unknown>): Role | undefined {
  const mapping = provider.roleMapping;
  if (!mapping) return undefined;
  const raw = claims[mapping.claim];
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const granted = new Set<Role>(values.map((v) => mapping.values[String(v)]).filter(Boolean));
  return ORDER.find((role) => granted.has(role)) ?? mapping.defaultRole;
}

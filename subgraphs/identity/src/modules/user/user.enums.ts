import { ROLES, type RoleName } from '@trae/kit';
import { registerEnumType } from 'type-graphql';

export const Role = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in RoleName]: K };
export type Role = RoleName;

registerEnumType(Role, {
  name: 'Role',
  description: 'What a caller may do. ADMIN passes every check; GUEST is anyone not signed in.',
});

import type { GraphQLError } from 'graphql';
import type { AuthCheckerFn, ResolverData } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { ANY_SIGNED_IN, type AuthContext, authChecker, type Principal, type RoleName } from '../src/auth.js';

const as = (role: RoleName, id: string | null = 'u1') => ({ context: { user: { id, role } as Principal } });
const check = (user: ReturnType<typeof as>, roles: RoleName[]) => {
  try {
    const fn = authChecker as AuthCheckerFn<AuthContext, RoleName>;
    return fn(user as unknown as ResolverData<AuthContext>, roles) as boolean;
  } catch (err) {
    return (err as GraphQLError).extensions.code as string;
  }
};

describe('authChecker: an API key’s role is a ceiling everywhere', () => {
  it('lets a bare @Authorized() through for USER and ADMIN only: GUEST and AGENT keys are FORBIDDEN', () => {
    expect(check(as('USER'), [])).toBe(true);
    expect(check(as('ADMIN'), [])).toBe(true);
    expect(check(as('GUEST'), [])).toBe('FORBIDDEN');
    expect(check(as('AGENT'), [])).toBe('FORBIDDEN');
    expect(check(as('GUEST', null), [])).toBe('UNAUTHENTICATED');
  });

  it('opens a field to GUEST-scoped callers only where it says ANY_SIGNED_IN, and never to anonymous ones', () => {
    for (const role of ['GUEST', 'AGENT', 'USER', 'ADMIN'] as const)
      expect(check(as(role), ANY_SIGNED_IN)).toBe(true);
    expect(check(as('GUEST', null), ANY_SIGNED_IN)).toBe('UNAUTHENTICATED');
  });

  it('admits exactly the roles listed, and ADMIN always', () => {
    expect(check(as('AGENT'), ['USER', 'AGENT'])).toBe(true);
    expect(check(as('GUEST'), ['USER', 'AGENT'])).toBe('FORBIDDEN');
    expect(check(as('USER'), ['ADMIN'])).toBe('FORBIDDEN');
    expect(check(as('ADMIN'), ['USER'])).toBe(true);
  });
});

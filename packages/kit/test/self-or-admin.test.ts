import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GUEST, isSelfOrAdmin, type Principal, requireSelfOrAdmin } from '../src/auth.js';

const alice: Principal = { id: 'alice', role: 'USER' };
const admin: Principal = { id: 'root', role: 'ADMIN' };
const answer = (caller: Principal, userId: string) => {
  try {
    requireSelfOrAdmin(caller, userId, 'Only alice and admins');
    return 'allowed';
  } catch (err) {
    return `${(err as GraphQLError).extensions.code}: ${(err as GraphQLError).message}`;
  }
};

describe('self or admin: one answer in every subgraph', () => {
  it('lets the user and any ADMIN through', () => {
    expect(answer(alice, 'alice')).toBe('allowed');
    expect(answer(admin, 'alice')).toBe('allowed');
  });

  it('answers an anonymous caller UNAUTHENTICATED and a signed-in other user FORBIDDEN', () => {
    expect(answer(GUEST, 'alice')).toBe('UNAUTHENTICATED: Authentication required');
    expect(answer({ id: 'bob', role: 'USER' }, 'alice')).toBe('FORBIDDEN: Only alice and admins');
    // An API key's role is a ceiling: a GUEST-scoped key of alice's is still alice.
    expect(answer({ id: 'alice', role: 'GUEST', apiKeyId: 'k1' }, 'alice')).toBe('allowed');
  });

  it('never counts a guest as the owner of something without an owner', () => {
    expect(isSelfOrAdmin(GUEST, null)).toBe(false);
    expect(isSelfOrAdmin(GUEST, undefined)).toBe(false);
    expect(isSelfOrAdmin(alice, null)).toBe(false);
    expect(isSelfOrAdmin(admin, null)).toBe(true);
  });
});

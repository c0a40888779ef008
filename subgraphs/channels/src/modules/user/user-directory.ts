import { internalHeaders } from '@trae/kit';

export interface DirectoryUser {
  id: string;
  disabled: boolean;
}

/** Who exists, as identity knows it. Channels keeps user ids only; identity owns the users. */
export interface UserDirectory {
  find(id: string, requestId?: string): Promise<DirectoryUser | null>;
}

const LOOKUP = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id disabled } } }';

/**
 * Asks identity through its federation entry point, the same `_entities` call the gateway makes for
 * `User` references, so channels needs no access to identity's tables and identity no extra route.
 */
export class IdentityDirectory implements UserDirectory {
  constructor(
    private readonly identityUrl: string,
    private readonly internalSecret: string,
    private readonly timeoutMs = 3_000,
  ) {}

  async find(id: string, requestId?: string): Promise<DirectoryUser | null> {
    const res = await fetch(`${this.identityUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...internalHeaders(this.internalSecret, requestId) },
      body: JSON.stringify({ query: LOOKUP, variables: { r: [{ __typename: 'User', id }] } }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as {
      data?: { _entities: (DirectoryUser | null)[] };
      errors?: { message: string }[];
    } | null;
    if (!res.ok || !body?.data || body.errors?.length) {
      throw new Error(
        `identity user lookup failed (${res.status}): ${body?.errors?.[0]?.message ?? 'no data'}`,
      );
    }
    return body.data._entities[0] ?? null;
  }
}

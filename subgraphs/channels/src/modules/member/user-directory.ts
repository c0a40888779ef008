import { InternalClient, z } from '@trae/kit';

export interface DirectoryUser {
  id: string;
  disabled: boolean;
}

/** Who exists, as identity knows it. Channels keeps user ids only; identity owns the users. */
export interface UserDirectory {
  find(id: string, requestId?: string): Promise<DirectoryUser | null>;
}

const LOOKUP = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id disabled } } }';

/** A GraphQL answer with errors or without data is a failed lookup, whatever its HTTP status. */
const lookupBody = z
  .object({
    data: z.object({ _entities: z.array(z.object({ id: z.string(), disabled: z.boolean() }).nullable()) }),
    errors: z.array(z.unknown()).max(0).optional(),
  })
  .transform((body) => body.data._entities[0] ?? null);

/**
 * Asks identity through its federation entry point, the same `_entities` call the gateway makes for
 * `User` references, so channels needs no access to identity's tables and identity no extra route.
 */
export class IdentityDirectory implements UserDirectory {
  private readonly identity: InternalClient;

  constructor(identityUrl: string, internalSecret: string, timeoutMs?: number) {
    this.identity = new InternalClient({
      service: 'identity',
      baseUrl: identityUrl,
      secret: internalSecret,
      timeoutMs,
    });
  }

  find(id: string, requestId?: string): Promise<DirectoryUser | null> {
    const body = { query: LOOKUP, variables: { r: [{ __typename: 'User', id }] } };
    return this.identity.json('/graphql', lookupBody, { body, requestId });
  }
}

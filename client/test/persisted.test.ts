import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { type DocumentNode, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentHash, persistedDocumentsLink } from '../src/apollo/persisted';
import * as generated from '../src/gql/graphql';
import { SystemHealthDocument } from '../src/gql/graphql';
import manifest from '../src/gql/persisted-documents.json';

const HEALTH = {
  systemHealth: { __typename: 'SystemHealth', status: 'HEALTHY', checkedAt: 'now', components: [] },
};

/** Apollo Client as the dashboard builds it, over a recording fetch that answers like the gateway. */
function client(answer: (body: Record<string, unknown>) => unknown) {
  const bodies: Record<string, unknown>[] = [];
  const fetchRecording: typeof fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    bodies.push(body);
    return new Response(JSON.stringify(answer(body)), { headers: { 'content-type': 'application/json' } });
  };
  const link = ApolloLink.from([
    persistedDocumentsLink(),
    new HttpLink({ uri: '/graphql', fetch: fetchRecording }),
  ]);
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), bodies };
}

describe('trusted documents on the wire', () => {
  it('sends a dashboard operation as its listed id only, never its text', async () => {
    const { apollo, bodies } = client(() => ({ data: HEALTH }));

    const result = await apollo.query({ query: SystemHealthDocument });

    expect(result.data).toMatchObject(HEALTH);
    expect(bodies).toHaveLength(1);
    expect(bodies[0].query).toBeUndefined();
    const hash = (bodies[0].extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery
      .sha256Hash;
    expect(Object.keys(manifest)).toContain(`sha256:${hash}`);
  });

  it('sends the text once more when a gateway does not know the id', async () => {
    const { apollo, bodies } = client((body) =>
      body.query
        ? { data: HEALTH }
        : {
            errors: [
              { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
            ],
          },
    );

    await apollo.query({ query: SystemHealthDocument });

    expect(bodies.map((b) => typeof b.query)).toEqual(['undefined', 'string']);
  });

  it('sends a document codegen never saw in full, without a hash', async () => {
    const { apollo, bodies } = client(() => ({ data: { me: null } }));
    const adHoc = parse('query AdHoc { me { id } }');

    await apollo.query({ query: adHoc });

    expect(documentHash(adHoc)).toBeUndefined();
    expect(bodies[0].query).toContain('query AdHoc');
    expect(bodies[0].extensions).not.toHaveProperty('persistedQuery');
  });
});

describe('the generated documents and the manifest', () => {
  const operations = Object.entries(generated).filter(([name]) => name.endsWith('Document'));

  it('lists every operation, under the id the gateway finds again from the text Apollo Client sends', () => {
    expect(operations.length).toBe(Object.keys(manifest).length);
    for (const [, document] of operations) {
      // Subscriptions go over graphql-ws as text: the gateway normalizes it and looks the id up.
      const sent = print(document as DocumentNode);
      const id = createHash('sha256')
        .update(printExecutableGraphQLDocument(parse(sent)))
        .digest('hex');
      expect(`sha256:${id}`).toBe(`sha256:${documentHash(document as DocumentNode)}`);
      expect(manifest).toHaveProperty([`sha256:${id}`]);
    }
  });
});

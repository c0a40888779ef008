import { ApolloLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';

/**
 * The trusted-document id GraphQL Codegen gave the operation (`__meta__.hash`, `sha256:<hex>`), as the
 * hex hash of Apollo's persisted-query protocol; undefined for a document codegen did not see.
 */
export function documentHash(query: DocumentNode): string | undefined {
  const hash = (query as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : undefined;
}

/**
 * Sends the dashboard's operations by id only: the gateway knows them from persisted-documents.json,
 * so a production gateway (TRUSTED_DOCUMENTS=require) runs them without ever seeing the text. Should a
 * gateway not know an id, Apollo's link sends the query once more in full.
 */
export function persistedDocumentsLink(): ApolloLink {
  const persisted = new PersistedQueryLink({ generateHash: (query) => documentHash(query) ?? '' });
  return ApolloLink.split(({ query }) => documentHash(query) !== undefined, persisted);
}

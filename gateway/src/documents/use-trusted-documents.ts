import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { hexId } from './persisted-documents.js';
import type { TrustedDocuments } from './trusted-documents.js';

/** The id a request names its document by: GraphQL over HTTP's `documentId`, or Apollo's APQ hash. */
function requestedId(request: GraphQLRequest): string | undefined {
  const documentIdField = (request.http?.body as { documentId?: unknown } | undefined)?.documentId;
  if (typeof documentIdField === 'string') return documentIdField;
  const hash = request.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * Runs listed documents by id (from persisted-documents.json, before Apollo's APQ lookup, so they need
 * neither Redis nor a first full request), then holds callers to the list per TRUSTED_DOCUMENTS. An id
 * the list does not know goes on to APQ as its hash, which answers PERSISTED_QUERY_NOT_FOUND for a
 * document no gateway has seen.
 */
export function useTrustedDocuments(trusted: TrustedDocuments): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async ({ request }) => {
      const id = request.query === undefined ? requestedId(request) : undefined;
      const listedDocument = id === undefined ? undefined : trusted.documents.get(id);
      if (listedDocument !== undefined) {
        request.query = listedDocument;
        // Apollo would check the hash against its own SHA-256 of the text, which is not how ids are made.
        const { persistedQuery: _, ...extensions } = request.extensions ?? {};
        request.extensions = extensions;
      } else if (id !== undefined && !request.extensions?.persistedQuery) {
        const sha256Hash = hexId(id);
        request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash } };
      }
      return {
        didResolveOperation: async ({ source, document, contextValue }) => {
          if (listedDocument !== undefined) return;
          const refusal = trusted.refusal(contextValue.principal, source, document, contextValue.log);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

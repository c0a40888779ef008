import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import { ChannelFilesResolver } from './modules/federation/channel-files.resolver.js';
import { federationReferences } from './modules/federation/federation.reference.js';
import { UserFilesResolver } from './modules/federation/user-files.resolver.js';
import { fileReference } from './modules/file/file.reference.js';
import { FileResolver } from './modules/file/file.resolver.js';

/** Needs no database: the composition script prints the SDL from this. */
export function buildFilesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [FileResolver, UserFilesResolver, ChannelFilesResolver],
    referenceResolvers: { ...fileReference, ...federationReferences },
  });
}

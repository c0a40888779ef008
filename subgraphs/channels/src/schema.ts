import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import { channelReference } from './modules/channel/channel.reference.js';
import { ChannelResolver } from './modules/channel/channel.resolver.js';
import { contentItemReference } from './modules/content/content.reference.js';
import { ContentResolver } from './modules/content/content.resolver.js';
import { federationReferences } from './modules/federation/federation.reference.js';
import { UserChannelsResolver } from './modules/federation/user-channels.resolver.js';
import { MemberResolver } from './modules/member/member.resolver.js';

/** Needs no database: the composition script prints the SDL from this. */
export function buildChannelsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ChannelResolver, MemberResolver, ContentResolver, UserChannelsResolver],
    referenceResolvers: { ...channelReference, ...contentItemReference, ...federationReferences },
  });
}

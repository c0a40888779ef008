import type { ChannelsContext } from '../../context.js';

/** A content item reached from another subgraph resolves only for members of its channel. */
export const contentItemReference = {
  ContentItem: {
    __resolveReference: (ref: { id: string }, ctx: ChannelsContext) =>
      ctx.services.content.get(ctx.user, ref.id),
  },
};

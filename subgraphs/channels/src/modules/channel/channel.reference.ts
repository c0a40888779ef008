import type { ChannelsContext } from '../../context.js';

/** How other subgraphs' `Channel` references (`Task.channel`, `File.channel`) resolve: only for members. */
export const channelReference = {
  Channel: {
    __resolveReference: (ref: { id: string }, ctx: ChannelsContext) => ctx.loaders.channel.load(ref.id),
  },
};

import type { WebhooksContext } from '../../context.js';

/** How other subgraphs' `WebhookSource` references resolve: for the owner and admins, null for anyone else. */
export const webhookSourceReference = {
  WebhookSource: {
    __resolveReference: (ref: { id: string }, ctx: WebhooksContext) => ctx.loaders.webhookSource.load(ref.id),
  },
};

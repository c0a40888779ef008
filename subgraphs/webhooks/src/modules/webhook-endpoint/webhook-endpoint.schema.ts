import { z } from 'zod';
import { CHANNEL_EVENT_TYPES, OUTBOUND_EVENT_TYPES } from './webhook-endpoint.enums.js';

/** `createWebhookEndpoint`'s input: what GraphQL's types cannot say. */
export const newWebhookEndpointSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
    eventTypes: z
      .array(z.enum(OUTBOUND_EVENT_TYPES, { error: `must be one of ${OUTBOUND_EVENT_TYPES.join(', ')}` }))
      .min(1, { error: 'name at least one event type' })
      .transform((types) => [...new Set(types)]),
    channelId: z.uuid({ error: 'must be a channel id' }).nullish().default(null),
  })
  .superRefine((input, ctx) => {
    // Only some events happen in a channel: a task's or an alert would never reach a channel's endpoint.
    const outside = input.channelId ? input.eventTypes.filter((t) => !CHANNEL_EVENT_TYPES.includes(t)) : [];
    if (outside.length)
      ctx.addIssue({
        code: 'custom',
        path: ['eventTypes'],
        message: `a channel's endpoint may subscribe to ${CHANNEL_EVENT_TYPES.join(', ')} only (not ${outside.join(', ')})`,
      });
  });

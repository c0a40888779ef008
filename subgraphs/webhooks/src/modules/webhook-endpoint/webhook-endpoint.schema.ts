import { z } from 'zod';
import { OUTBOUND_EVENT_TYPES } from './webhook-endpoint.enums.js';

/** `createWebhookEndpoint`'s input: what GraphQL's types cannot say. */
export const newWebhookEndpointSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  eventTypes: z
    .array(z.enum(OUTBOUND_EVENT_TYPES, { error: `must be one of ${OUTBOUND_EVENT_TYPES.join(', ')}` }))
    .min(1, { error: 'name at least one event type' })
    .transform((types) => [...new Set(types)]),
});

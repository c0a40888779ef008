import type { Express } from 'express';
import type { InboundWebhookService } from '../modules/inbound-webhook/inbound-webhook.service.js';
import { receiveRoute } from './receive.route.js';

/**
 * REST routes beside GraphQL, mounted before `/graphql`: one `<what>.route.ts` each, registered
 * here. Service-to-service ones go under `/internal/webhooks/` behind the kit's `requireInternal`.
 */
export function webhooksRoutes(inbound: InboundWebhookService, secret: string, maxBytes: number) {
  return (app: Express) => {
    receiveRoute(app, inbound, secret, maxBytes);
  };
}

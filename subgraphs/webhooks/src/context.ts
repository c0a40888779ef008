import { type BaseContext, byIdLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { InboundWebhookService } from './modules/inbound-webhook/inbound-webhook.service.js';
import type { WebhookEndpointService } from './modules/webhook-endpoint/webhook-endpoint.service.js';
import type { WebhookSource } from './modules/webhook-source/webhook-source.entity.js';
import type { WebhookSourceService } from './modules/webhook-source/webhook-source.service.js';

export interface WebhooksServices {
  webhookSources: WebhookSourceService;
  inboundWebhooks: InboundWebhookService;
  webhookEndpoints: WebhookEndpointService;
}

export interface WebhooksContext extends BaseContext {
  services: WebhooksServices;
  loaders: {
    /** The caller's webhook sources by id (null otherwise), batched: `_entities` costs one query. */
    webhookSource: DataLoader<string, WebhookSource | null>;
  };
}

export function webhooksContext(services: WebhooksServices) {
  return (base: BaseContext): WebhooksContext => ({
    ...base,
    services,
    loaders: {
      webhookSource: byIdLoader((ids) => services.webhookSources.visible(base.user, ids)),
    },
  });
}

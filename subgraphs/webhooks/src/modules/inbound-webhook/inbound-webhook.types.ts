import { Connection } from '@trae/kit';
import { InboundWebhook } from './inbound-webhook.entity.js';

export const InboundWebhookConnection = Connection(InboundWebhook);

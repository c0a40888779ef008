import { Connection } from '@trae/kit';
import { WebhookSource } from './webhook-source.entity.js';

export const WebhookSourceConnection = Connection(WebhookSource);

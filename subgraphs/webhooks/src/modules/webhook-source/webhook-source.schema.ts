import { requiredText } from '@trae/kit';
import { z } from 'zod';

/** `createWebhookSource`'s input: what GraphQL's types cannot say. */
export const newWebhookSourceSchema = z.object({ name: requiredText(200) });

import { optionalText, requiredText } from '@trae/kit';
import { z } from 'zod';
import { WebhookAction, WebhookSignature } from './webhook-source.enums.js';

/** Standard Webhooks' secret form: `whsec_` and the key in base64 (24 to 64 bytes). */
const STANDARD_SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** `createWebhookSource`'s input: what GraphQL's types cannot say. */
export const newWebhookSourceSchema = z
  .object({
    name: requiredText(200),
    action: z.enum(WebhookAction),
    signature: z.enum(WebhookSignature).default('STANDARD_WEBHOOKS'),
    agent: optionalText(100),
    taskType: optionalText(100),
    secret: z.string().min(24).max(200).optional().nullable(),
  })
  .superRefine((input, ctx) => {
    if (input.action === 'CREATE_TASK') {
      if (!input.agent)
        ctx.addIssue({ code: 'custom', path: ['agent'], message: 'CREATE_TASK needs an agent' });
      if (!input.taskType)
        ctx.addIssue({ code: 'custom', path: ['taskType'], message: 'CREATE_TASK needs a task type' });
    }
    if (input.secret && input.signature === 'STANDARD_WEBHOOKS' && !STANDARD_SECRET.test(input.secret))
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'Expected whsec_ and base64 of 24 to 64 bytes',
      });
  });

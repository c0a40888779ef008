import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Standard Webhooks headers for `body` under `secret`, as a sender computes them. */
export function standardHeaders(secret: string, body: string, at = new Date(), id = `msg_${randomUUID()}`) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

/** The seed's `X-Signature`: the hex HMAC-SHA256 of the body. */
export const plainSignature = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

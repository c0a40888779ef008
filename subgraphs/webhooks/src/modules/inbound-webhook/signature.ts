import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Errors } from '@trae/kit';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookSource } from '../webhook-source/webhook-source.entity.js';

const one = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Standard Webhooks with each accepted secret in turn (two during a rotation); the library checks the 5-minute tolerance. */
function verifyStandard(secrets: string[], body: Buffer, headers: IncomingHttpHeaders): string {
  const id = one(headers, 'webhook-id');
  const signed = {
    'webhook-id': id ?? '',
    'webhook-timestamp': one(headers, 'webhook-timestamp') ?? '',
    'webhook-signature': one(headers, 'webhook-signature') ?? '',
  };
  let reason = 'No matching signature found';
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, signed);
      return id!;
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      reason = err.message;
      // A stale or malformed timestamp is the same under every secret.
      if (/timestamp|headers/i.test(reason)) break;
    }
  }
  throw Errors.unauthenticated(`Webhook refused: ${reason}`);
}

/**
 * The seed's `X-Signature`: hex HMAC-SHA256 of the body. It signs no id or time, so the id is the body's
 * hash: a header the signature does not cover could be changed to pass the same body off as new.
 */
function verifyPlain(secrets: string[], body: Buffer, headers: IncomingHttpHeaders): string {
  const given = (one(headers, 'x-signature') ?? '').trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(given)) throw Errors.unauthenticated('Webhook refused: no X-Signature');
  const mac = Buffer.from(given, 'hex');
  const ok = secrets.some((secret) =>
    timingSafeEqual(mac, createHmac('sha256', secret).update(body).digest()),
  );
  if (!ok) throw Errors.unauthenticated('Webhook refused: No matching signature found');
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** The webhook's id when the signature holds under one of the source's secrets; else UNAUTHENTICATED (401). */
export function verifiedWebhookId(source: WebhookSource, body: Buffer, headers: IncomingHttpHeaders): string {
  const id =
    source.signature === 'X_SIGNATURE'
      ? verifyPlain(source.secrets, body, headers)
      : verifyStandard(source.secrets, body, headers);
  if (id.length > 200) throw Errors.badInput('webhook-id', 'webhook-id: must be at most 200 characters');
  return id;
}

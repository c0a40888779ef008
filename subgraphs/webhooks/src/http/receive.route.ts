import { requireTrustedCaller, sendError } from '@trae/kit';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import type { InboundWebhookService } from '../modules/inbound-webhook/inbound-webhook.service.js';

/**
 * `POST /webhooks/:source`, reached through the gateway's proxy. The body is read raw (the signature is
 * over its exact bytes) and refused past `maxBytes` with 413; the kit's error shape and codes answer
 * every refusal: 404 unknown source, 401 bad or stale signature, 409 already received, 429 past the
 * source's rate limit (with Retry-After), 503 tasks down.
 */
export function receiveRoute(
  app: Express,
  webhooks: InboundWebhookService,
  secret: string,
  maxBytes: number,
) {
  app.post(
    '/webhooks/:source',
    requireTrustedCaller(secret),
    express.raw({ type: () => true, limit: maxBytes }),
    async (req, res, next) => {
      try {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const row = await webhooks.receive(String(req.params.source), body, req.headers, req.id);
        res.status(202).json({ id: row.id, status: row.status, taskId: row.taskId });
      } catch (err) {
        if (!(err instanceof GraphQLError)) return next(err);
        const { code, retryAfter } = err.extensions;
        if (code === 'RATE_LIMITED') res.setHeader('retry-after', String(retryAfter));
        // Tasks unreachable: 503 with its code, so the sender retries (the webhook-id is released for it).
        if (code === 'SERVICE_UNAVAILABLE' || code === 'RATE_LIMITED') sendError(res, err);
        else next(err);
      }
    },
  );
}

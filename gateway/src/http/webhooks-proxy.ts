import { appError, gatewaySignatureHeaders } from '@trae/kit';
import type { Request, RequestHandler, Response } from 'express';
import { pickHeaders, relay, upstream } from './relay.js';

/** What a webhook's verification needs; cookies, authorization and the rest stay at the edge. */
const REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-signature',
] as const;

export interface WebhooksProxyOptions {
  /** INTERNAL_SECRET: the service believes only signed calls (and the client address they carry). */
  internalSecret: string;
  /**
   * A webhook that has not been answered in this long is cut (a hung service).
   * @default 30_000
   */
  timeoutMs?: number;
}

/**
 * `POST /webhooks/:source` to the webhooks service, body piped untouched: the sender's signature is
 * over its exact bytes, so no body parser may run before this. The service's answer (the kit's JSON
 * error shape on refusal) comes back as it is.
 */
export function webhooksProxy(webhooksUrl: string, options: WebhooksProxyOptions): RequestHandler {
  const webhooks = upstream(webhooksUrl, 256);
  const timeoutMs = options.timeoutMs ?? 30_000;

  return (req: Request, res: Response) => {
    relay(webhooks, req, res, {
      method: 'POST',
      path: `/webhooks/${encodeURIComponent(String(req.params.source))}`,
      headers: {
        ...gatewaySignatureHeaders(options.internalSecret, req.id, req.ip),
        ...pickHeaders(req, REQUEST_HEADERS),
      },
      // The type, and when a rate-limited sender may try again.
      answerHeaders: ['content-type', 'retry-after'],
      timeoutMs,
      body: true,
      service: 'webhooks service',
      unavailable: () =>
        appError('INTERNAL_SERVER_ERROR', 'The webhooks service is unavailable', { http: { status: 502 } }),
    });
  };
}

import { Agent, type IncomingMessage, request } from 'node:http';
import { appError, gatewaySignatureHeaders, sendError } from '@trae/kit';
import type { Request, RequestHandler, Response } from 'express';

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
  const target = new URL(webhooksUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const timeoutMs = options.timeoutMs ?? 30_000;

  return (req: Request, res: Response) => {
    const headers: Record<string, string | string[] | undefined> = {
      ...gatewaySignatureHeaders(options.internalSecret, req.id, req.ip),
    };
    for (const name of REQUEST_HEADERS) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const upstream = request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: 'POST',
      path: `${basePath}/webhooks/${encodeURIComponent(String(req.params.source))}`,
      headers,
      agent,
    });
    upstream.setTimeout(timeoutMs, () =>
      upstream.destroy(new Error(`webhooks service silent for ${timeoutMs} ms`)),
    );
    upstream.on('response', (incoming: IncomingMessage) => {
      res.status(incoming.statusCode ?? 502);
      // The type, and when a rate-limited sender may try again.
      for (const name of ['content-type', 'retry-after']) {
        const value = incoming.headers[name];
        if (value) res.setHeader(name, value);
      }
      if (!req.complete) res.setHeader('connection', 'close');
      incoming.pipe(res);
      incoming.on('error', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      req.log.warn({ err }, 'webhooks service unreachable');
      if (!req.complete) res.setHeader('connection', 'close');
      sendError(
        res,
        appError('INTERNAL_SERVER_ERROR', 'The webhooks service is unavailable', { http: { status: 502 } }),
      );
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}

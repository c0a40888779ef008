import { Agent, type IncomingMessage, type OutgoingHttpHeaders, request } from 'node:http';
import { sendError } from '@trae/kit';
import type { Request, Response } from 'express';
import type { GraphQLError } from 'graphql';

/** A service the gateway relays raw HTTP to (no GraphQL): its address and a keep-alive pool. */
export interface Upstream {
  target: URL;
  /** The service URL's own path, without a trailing slash, to put before each route. */
  basePath: string;
  agent: Agent;
}

export function upstream(url: string, maxSockets: number): Upstream {
  const target = new URL(url);
  return {
    target,
    basePath: target.pathname.replace(/\/+$/, ''),
    agent: new Agent({ keepAlive: true, maxSockets }),
  };
}

/** The named headers of the client's request that are present, to send up. */
export function pickHeaders(req: Request, names: readonly string[]): OutgoingHttpHeaders {
  const picked: OutgoingHttpHeaders = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

export interface RelayOptions {
  method: string;
  /** The route on the service, after `basePath`. */
  path: string;
  /** Everything that goes up: the gateway's signature and what the route lets through (`pickHeaders`). */
  headers: OutgoingHttpHeaders;
  /** The service's answer headers the client gets; the rest stay here. */
  answerHeaders: readonly string[];
  timeoutMs: number;
  /** Pipes the request's body up untouched (a sender's signature is over its exact bytes); else none. */
  body: boolean;
  /** How the service is named in the timeout and the log line. */
  service: string;
  /** The client's answer when the service cannot be reached (a 502). */
  unavailable: () => GraphQLError;
}

/**
 * Relays one request to a service and its answer back as it comes: status, the allowed headers and the
 * body piped. A silent service is cut after `timeoutMs`; a client that goes away ends the upstream call.
 */
export function relay(to: Upstream, req: Request, res: Response, options: RelayOptions): void {
  const { target, basePath, agent } = to;
  // The service answered before the body ended (a refused upload): stop relaying it, and close the
  // client's connection after the answer rather than read the rest of a body nobody wants.
  const closeIfUnread = () => {
    if (!options.body || req.complete) return;
    req.unpipe(call);
    res.setHeader('connection', 'close');
  };
  const call = request({
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    method: options.method,
    path: `${basePath}${options.path}`,
    headers: options.headers,
    agent,
  });
  call.setTimeout(options.timeoutMs, () =>
    call.destroy(new Error(`${options.service} silent for ${options.timeoutMs} ms`)),
  );
  let answered = false;
  call.on('response', (incoming: IncomingMessage) => {
    answered = true;
    res.status(incoming.statusCode ?? 502);
    for (const name of options.answerHeaders) {
      const value = incoming.headers[name];
      if (value) res.setHeader(name, value);
    }
    closeIfUnread();
    incoming.pipe(res);
    incoming.on('error', () => res.destroy());
    incoming.on('aborted', () => res.destroy());
  });
  call.on('error', (err) => {
    if (answered || res.headersSent) {
      res.destroy();
      return;
    }
    req.log.warn({ err }, `${options.service} unreachable`);
    closeIfUnread();
    sendError(res, options.unavailable());
  });
  res.on('close', () => {
    if (!res.writableFinished) call.destroy();
  });
  if (options.body) req.pipe(call);
  else call.end();
}

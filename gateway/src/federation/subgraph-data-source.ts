import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { gatewaySignatureHeaders, httpStatusOf } from '@trae/kit';
import { GraphQLError } from 'graphql';
import type { Histogram } from 'prom-client';
import type { GatewayContext } from '../context.js';
import { keepAliveFetcher } from './http-post.js';
import { isConnectionError, isUnavailable, serviceUnavailable } from './unavailable.js';

const GATEWAY_STATUSES = new Set([502, 503, 504]);
/** Mutations may have taken effect before a connection dropped; everything else is safe to resend. */
const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/**
 * Sends the gateway's fetches to one subgraph. Only the caller's bearer token, the request id, the
 * caller's address and user agent go along: subgraphs verify the token themselves, the id ties their logs to the
 * gateway's, and the address lands in audit logs and login throttles. Client-sent forwarding headers
 * are never passed on. Every fetch is signed (kit trusted-caller), since subgraphs answer nobody else.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly fetchDuration: Histogram<'subgraph'>,
    /** INTERNAL_SECRET, the key of the gateway signature. */
    private readonly internalSecret: string,
    timeoutMs = 30_000,
  ) {
    super({ url, fetcher: keepAliveFetcher(timeoutMs) as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    // Descriptive only (the device a session list shows); nothing is decided on it.
    if (context.userAgent) headers.set('user-agent', context.userAgent.slice(0, 512));
    const signed = gatewaySignatureHeaders(this.internalSecret, context.requestId ?? '', context.clientIp);
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
  }

  /**
   * A subgraph refuses a request as a whole (a variable its scalar rejects, input its guard refuses)
   * with HTTP 400 and a coded error; Apollo's default turns any non-2xx into a bare "400: Bad Request"
   * that the client would see as INTERNAL. A client error keeps its code, message and field instead.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body as
      | { errors?: { message?: unknown; extensions?: { code?: unknown; field?: unknown } }[] }
      | undefined;
    const first = body?.errors?.[0];
    const code = first?.extensions?.code;
    if (typeof first?.message !== 'string' || httpStatusOf(code) >= 500) {
      // A proxy or a draining subgraph answering 502/503/504 is an outage, not a bug.
      return GATEWAY_STATUSES.has(response.status) ? serviceUnavailable(this.subgraph) : error;
    }
    const field = first.extensions?.field;
    return new GraphQLError(first.message, {
      extensions: { code, ...(typeof field === 'string' ? { field } : {}) },
    });
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    const end = this.fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      return await super.process(options);
    } catch (error) {
      // One retry covers a keep-alive socket the subgraph closed as it restarted, or a moment of refusal.
      if (isConnectionError(error) && !isMutation(options.request.query)) {
        try {
          return await super.process(options);
        } catch (again) {
          throw this.unavailable(again, options, true);
        }
      }
      throw this.unavailable(error, options, false);
    } finally {
      end();
    }
  }

  private unavailable(
    error: unknown,
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    retried: boolean,
  ): unknown {
    if (!isUnavailable(error)) return error;
    const cause = (error as { code?: string }).code;
    options.context.log?.warn({ subgraph: this.subgraph, cause, retried }, 'subgraph unavailable');
    return serviceUnavailable(this.subgraph);
  }
}

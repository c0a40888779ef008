import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { gatewaySignatureHeaders, httpStatusOf } from '@trae/kit';
import { GraphQLError } from 'graphql';
import type { Counter, Histogram } from 'prom-client';
import type { GatewayContext } from '../context.js';
import { type FetcherResponse, fetcherResponse, type PostResult, post } from './http-post.js';
import { InflightFetches } from './inflight-fetches.js';
import { isConnectionError, isUnavailable, serviceUnavailable } from './unavailable.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
/** Apollo's types want a whole WHATWG Response; its code reads only what `fetcherResponse` has. */
type ApolloFetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

const GATEWAY_STATUSES = new Set([502, 503, 504]);
/** Mutations may have taken effect before a connection dropped; everything else is safe to resend. */
const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');
const isJson = (contentType: string | null) =>
  !!contentType &&
  (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));

export interface SubgraphDataSourceOptions {
  /** Identical queries in flight at once (same document, variables and authorization) share one fetch. @default true */
  dedup?: boolean;
  /** Counts callers that joined a fetch already in flight, labelled by subgraph. */
  shared?: Counter<'subgraph'>;
  /** @default 30000 */
  timeoutMs?: number;
}

/**
 * Sends the gateway's fetches to one subgraph. Only the caller's bearer token, the request id, the
 * caller's address and user agent go along: subgraphs verify the token themselves, the id ties their logs to the
 * gateway's, and the address lands in audit logs and login throttles. Client-sent forwarding headers
 * are never passed on. Every fetch is signed (kit trusted-caller), since subgraphs answer nobody else.
 *
 * `process` is Apollo's, rewritten for the hot path: Apollo's builds node-fetch `Headers` and a `Request`
 * per fetch (legacy URL parsing included) that its own transport never reads; this one goes straight to
 * an undici pool. Identical queries in flight share one fetch and one signature: the key is the
 * authorization and the body (document, variables, operation name), so callers with different
 * credentials never share. A shared fetch carries the first caller's request id, address and user
 * agent; mutations, and fetches with extra headers (Apollo's trace requests), are never shared.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly timer: ReturnType<Histogram<'subgraph'>['labels']>;
  private readonly inflight: InflightFetches<PostResult> | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly subgraph: string,
    url: string,
    fetchDuration: Histogram<'subgraph'>,
    /** INTERNAL_SECRET, the key of the gateway signature. */
    private readonly internalSecret: string,
    options: SubgraphDataSourceOptions = {},
  ) {
    super({ url });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Bound once: a label lookup per fetch is work the profile showed for nothing.
    this.timer = fetchDuration.labels(subgraph);
    const shared = options.shared?.labels(subgraph);
    this.inflight = options.dedup === false ? undefined : new InflightFetches(() => shared?.inc());
  }

  /**
   * A subgraph refuses a request as a whole (a variable its scalar rejects, input its guard refuses)
   * with HTTP 400 and a coded error; Apollo's default turns any non-2xx into a bare "400: Bad Request"
   * that the client would see as INTERNAL. A client error keeps its code, message and field instead.
   */
  override async errorFromResponse(response: ApolloFetcherResponse) {
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

  override async process(options: ProcessOptions): Promise<GatewayResponse> {
    const end = this.timer.startTimer();
    try {
      return await this.fetch(options);
    } catch (error) {
      // One retry covers a keep-alive socket the subgraph closed as it restarted, or a moment of refusal.
      if (isConnectionError(error) && !isMutation(options.request.query)) {
        try {
          return await this.fetch(options);
        } catch (again) {
          throw this.unavailable(again, options, true);
        }
      }
      throw this.unavailable(error, options, false);
    } finally {
      end();
    }
  }

  private async fetch(options: ProcessOptions): Promise<GatewayResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const { http, ...operation } = request;
    const body = JSON.stringify(operation);
    const context = options.context as Partial<GatewayContext>;
    const extra = http?.headers ? [...http.headers] : [];
    const send = () => post(this.url, this.headersFor(context, extra), body, this.timeoutMs);
    const res =
      this.inflight && extra.length === 0 && !isMutation(request.query)
        ? await this.inflight.share(`${context.authorization ?? ''}\n${body}`, send)
        : await send();
    const response = fetcherResponse(this.url, res);
    if (!response.ok) throw await this.errorFromResponse(response as unknown as ApolloFetcherResponse);
    const parsed: unknown = isJson(response.headers.get('content-type')) ? JSON.parse(res.body) : res.body;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`Expected JSON response body, but received: ${parsed}`);
    restrictCachePolicy(options, response);
    return { ...(parsed as GatewayResponse), http: response as unknown as ApolloFetcherResponse };
  }

  private headersFor(context: Partial<GatewayContext>, extra: [string, string][]): Record<string, string> {
    const headers: Record<string, string> = Object.fromEntries(extra);
    headers['content-type'] = 'application/json';
    if (context.authorization) headers.authorization = context.authorization;
    // Descriptive only (the device a session list shows); nothing is decided on it.
    if (context.userAgent) headers['user-agent'] = context.userAgent.slice(0, 512);
    return Object.assign(
      headers,
      gatewaySignatureHeaders(this.internalSecret, context.requestId ?? '', context.clientIp),
    );
  }

  private unavailable(error: unknown, options: ProcessOptions, retried: boolean): unknown {
    if (!isUnavailable(error)) return error;
    const cause = (error as { code?: string }).code;
    options.context.log?.warn({ subgraph: this.subgraph, cause, retried }, 'subgraph unavailable');
    return serviceUnavailable(this.subgraph);
  }
}

/**
 * The subgraph's `Cache-Control` narrows the operation's cache policy, as Apollo's data source does
 * (the response cache reads the result): max-age, and the scope when it says private or public.
 */
function restrictCachePolicy(options: ProcessOptions, response: FetcherResponse) {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy;
  if (!policy || !('restrict' in policy)) return;
  const directives = new Map<string, string | true>();
  for (const part of (response.headers.get('cache-control') ?? '').trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    if (name) directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
  };
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  policy.restrict(hint);
}

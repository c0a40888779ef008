import { fileURLToPath } from 'node:url';
import { baseEnv, loadConfig, onOff, z } from '@trae/kit';

/** Paths are resolved from this file, so they hold both for `src/` (tests) and `dist/` (built). */
const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Express's `trust proxy`: true/false, a hop count, or a list of addresses/subnets. */
const trustProxy = z
  .string()
  .default('false')
  .transform((v): boolean | number | string => {
    if (v === 'true' || v === 'false') return v === 'true';
    return /^\d+$/.test(v) ? Number(v) : v;
  });

export const gatewayEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  SUPERGRAPH_PATH: z.string().default(fromHere('../../schema/supergraph.graphql')),
  CLIENT_DIST: z.string().default(fromHere('../../client/dist')),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:4000,http://127.0.0.1:4000,http://localhost:5173')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: trustProxy,
  QUERY_MAX_DEPTH: positiveInt(12),
  QUERY_MAX_ALIASES: positiveInt(30),
  QUERY_MAX_FIELDS: positiveInt(500),
  /** Lexical tokens per document; graphql-js stops parsing past them, before any other work. */
  QUERY_MAX_TOKENS: positiveInt(10_000),
  /** Estimated cost (IBM cost spec, from the supergraph's `@cost`/`@listSize`) past which an operation is refused. */
  COST_MAX: positiveInt(5_000),
  /** Items assumed in a list field that has neither `@listSize` nor a slicing argument. */
  COST_DEFAULT_LIST_SIZE: positiveInt(10),
  /** Requests per caller and minute (user, API key, or address), whatever they cost. */
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** Estimated cost each caller may spend per minute, shared by every gateway instance. */
  COST_BUDGET_PER_MINUTE: positiveInt(100_000),
  /** Sign-in, registration and password-reset operations per client address and minute. */
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt(30),
  /** Failed authentications per client address and window before the edge answers RATE_LIMITED. */
  AUTH_FAILURE_LIMIT: positiveInt(20),
  AUTH_FAILURE_WINDOW_SECONDS: positiveInt(300),
  HEALTH_CACHE_MS: z.coerce.number().int().min(0).default(2_000),
  API_KEY_CACHE_MAX: positiveInt(10_000),
  /** Results queued for one slow subscriber before the gateway closes its socket with 4290. */
  SUBSCRIPTION_QUEUE_MAX: positiveInt(256),
  WS_MAX_CONNECTIONS: positiveInt(10_000),
  SUBSCRIPTIONS_PER_CONNECTION: positiveInt(100),
  SUBSCRIPTIONS_MAX: positiveInt(50_000),
  /** How long the gateway keeps reopening a lost upstream subscription before it ends the client's. */
  SUBSCRIPTION_RESUME_MS: positiveInt(30_000),
  /** Automatic persisted queries (Apollo's protocol); documents are kept in Redis for every instance. */
  APQ: onOff.transform((v) => v ?? true),
  /** How long an automatically persisted document stays in Redis after it was last registered. */
  APQ_TTL_SECONDS: positiveInt(7 * 86_400),
  /**
   * Which operations browser sessions and guests may run: `off` any, `report` any but unlisted ones are
   * logged and counted, `require` only the trusted documents. Unset: `require` in production, else `off`.
   */
  TRUSTED_DOCUMENTS: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.enum(['off', 'report', 'require']).optional()),
  /** Whether API keys may send any operation (`any`) or are held to the list like browsers (`listed`). */
  TRUSTED_DOCUMENTS_API_KEYS: z.enum(['any', 'listed']).default('any'),
  /** The dashboard's operations, as GraphQL Codegen's persisted-documents output writes them at build. */
  PERSISTED_DOCUMENTS_PATH: z.string().default(fromHere('../../client/src/gql/persisted-documents.json')),
  /** Whole query answers cached in Redis as the subgraphs' `@cacheControl` hints allow (per user when PRIVATE). */
  RESPONSE_CACHE: onOff.transform((v) => v ?? true),
  /**
   * Identical subgraph queries in flight at once (same subgraph, document, variables and authorization)
   * share one fetch. Off only to measure it, or for a subgraph whose answers depend on the caller's address.
   */
  SUBGRAPH_DEDUP: onOff.transform((v) => v ?? true),
  /** gzip/brotli for GraphQL answers of at least COMPRESSION_MIN_BYTES, as the client's Accept-Encoding allows. */
  COMPRESSION: onOff.transform((v) => v ?? true),
  COMPRESSION_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
  /**
   * HAProxy's `/stats;csv` when the services run as several instances behind it: /health then says
   * degraded while any instance is out of rotation, though the service still answers through another.
   */
  HAPROXY_STATS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().url().optional()),
});

/** Env names that end in `_URL` but are not subgraphs. */
const NOT_SUBGRAPHS = new Set(['DATABASE', 'REDIS', 'HAPROXY_STATS']);

export type GatewayConfig = Readonly<
  Omit<z.infer<typeof gatewayEnv>, 'TRUSTED_DOCUMENTS'> & {
    TRUSTED_DOCUMENTS: 'off' | 'report' | 'require';
    /** `<NAME>_URL` overrides by upper-cased subgraph name (base URL, without `/graphql`). */
    subgraphUrls: Readonly<Record<string, string>>;
  }
>;

/**
 * Subgraphs come from the supergraph, so their URL variables cannot be listed up front: every
 * `<NAME>_URL` is kept here and validated when a subgraph of that name is found.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = loadConfig(gatewayEnv, env);
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^([A-Z][A-Z0-9_]*)_URL$/.exec(key);
    if (match && value && !NOT_SUBGRAPHS.has(match[1])) subgraphUrls[match[1]] = value;
  }
  subgraphUrls.IDENTITY = parsed.IDENTITY_URL;
  const trustedDocuments = parsed.TRUSTED_DOCUMENTS ?? (parsed.NODE_ENV === 'production' ? 'require' : 'off');
  return Object.freeze({
    ...parsed,
    TRUSTED_DOCUMENTS: trustedDocuments,
    subgraphUrls: Object.freeze(subgraphUrls),
  });
}

import { appError, httpStatusOf } from '@trae/kit';

/**
 * Node's and undici's codes for a subgraph that cannot be reached or dropped the connection before
 * answering (`UND_ERR_SOCKET`: the other side closed or reset the socket).
 */
const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | undefined)?.code;

/** The connection failed: nothing was answered, and for a query another attempt is safe. */
export const isConnectionError = (error: unknown): boolean => CONNECTION_CODES.has(codeOf(error) as string);

/** The subgraph is down or too slow: the client may retry; the cause stays in the gateway's log. */
export const isUnavailable = (error: unknown): boolean =>
  isConnectionError(error) || codeOf(error) === 'SUBGRAPH_TIMEOUT';

/**
 * What the client sees for a down subgraph: a retryable code and the subgraph's name, never the host,
 * port or the socket error (those are internals). The HTTP status comes from the registry.
 */
export const serviceUnavailable = (serviceName: string) =>
  appError('SERVICE_UNAVAILABLE', `The ${serviceName} service is unavailable; retry shortly`, {
    serviceName,
    http: { status: httpStatusOf('SERVICE_UNAVAILABLE') },
  });

import { toClientError } from '@trae/kit';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The kit's mapping (known codes keep their extensions, internal errors become a generic message,
 * no stack traces), plus one rule for the edge: an internal error raised by a subgraph still says
 * which one (`serviceName`), so an operator can find it without the client learning anything else.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const safe = toClientError(formatted, error);
  if (safe.extensions?.code !== 'INTERNAL_SERVER_ERROR') return safe;
  const serviceName = formatted.extensions?.serviceName;
  return {
    ...safe,
    message: 'Internal server error',
    extensions: typeof serviceName === 'string' ? { ...safe.extensions, serviceName } : safe.extensions,
  };
}

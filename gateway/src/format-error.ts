import { ErrorCodes, toClientError } from '@trae/kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Apollo Server refuses a few malformed requests with a 400 and no code (a persisted-query hash that
 * does not match its query, an unknown persisted-query version): the client's mistake, not ours.
 */
function isUncodedBadRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  return (error.extensions.http as { status?: unknown } | undefined)?.status === 400;
}

/**
 * The kit's mapping (known codes keep their extensions, internal errors become a generic message,
 * no stack traces), plus one rule for the edge: an internal error raised by a subgraph still says
 * which one (`serviceName`), so an operator can find it without the client learning anything else.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isUncodedBadRequest(error))
    return { message: formatted.message, extensions: { code: ErrorCodes.BAD_USER_INPUT.code } };
  const safe = toClientError(formatted, error);
  if (safe.extensions?.code !== 'INTERNAL_SERVER_ERROR') return safe;
  const serviceName = formatted.extensions?.serviceName;
  return {
    ...safe,
    message: 'Internal server error',
    extensions: typeof serviceName === 'string' ? { ...safe.extensions, serviceName } : safe.extensions,
  };
}

import { ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import { tap } from 'rxjs';
import { errorsOfBody } from '../lib/errors';
import { type ConnectionMonitor, SLOW_QUERY_MS } from './connection';

/** Codes that mean "a service behind the gateway is down", not "your request was wrong". */
const UNAVAILABLE = new Set(['SERVICE_UNAVAILABLE', 'SUBSCRIPTION_SOURCE_ENDED']);

function unavailability(errors: readonly GraphQLFormattedError[] | undefined): string | null {
  const error = errors?.find((e) => UNAVAILABLE.has(e.extensions?.code as string));
  if (!error) return null;
  const service = error.extensions?.serviceName;
  return typeof service === 'string' ? `The ${service} service is unavailable` : 'A service is unavailable';
}

/** What a failed request says about reaching the gateway, and about the operation. */
function classify(error: unknown): { reached: boolean; failure: string | null } {
  if (CombinedGraphQLErrors.is(error)) return { reached: true, failure: unavailability(error.errors) };
  if (ServerError.is(error)) {
    // The gateway's own non-2xx answers carry GraphQL errors; a proxy's 502 in front of a dead one does not.
    const errors = errorsOfBody(error.bodyText);
    if (errors) return { reached: true, failure: unavailability(errors) };
    return {
      reached: error.statusCode < 502 || error.statusCode > 504,
      failure: `The server answered ${error.statusCode}`,
    };
  }
  if (ServerParseError.is(error)) return { reached: false, failure: 'The server sent something unreadable' };
  if (error instanceof DOMException && error.name === 'AbortError') return { reached: true, failure: null };
  return { reached: false, failure: 'Cannot reach the server' };
}

/**
 * Feeds the ConnectionMonitor from every operation (HTTP and WebSocket alike): each answer marks the
 * gateway reached and the operation fresh, unless a service behind it was unavailable; network
 * failures mark the gateway unreachable; a query unanswered for `slowMs` counts as failed meanwhile.
 */
export function connectionLink(monitor: ConnectionMonitor, slowMs = SLOW_QUERY_MS): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const name = operation.operationName ?? 'anonymous';
    const overHttp = operation.operationType !== 'subscription';
    const timer =
      operation.operationType === 'query'
        ? setTimeout(() => monitor.failed(name, `No answer for ${slowMs / 1000} s`), slowMs)
        : undefined;
    return forward(operation).pipe(
      tap({
        next: (result) => {
          clearTimeout(timer);
          if (overHttp) monitor.httpReached();
          const failure = unavailability(result.errors);
          if (failure) monitor.failed(name, failure);
          else monitor.succeeded(name);
        },
        error: (error) => {
          const { reached, failure } = classify(error);
          if (overHttp && reached) monitor.httpReached();
          if (overHttp && !reached) monitor.httpUnreachable(failure ?? 'Cannot reach the server');
          if (failure) monitor.failed(name, failure);
        },
        finalize: () => clearTimeout(timer),
      }),
    );
  });
}

import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { ErrorCodes } from './errors.js';

/** Why a call to an outside service failed, as metrics and logs label it. */
export type IntegrationFailure =
  | 'timeout'
  | 'network'
  | 'http_4xx'
  | 'http_5xx'
  | 'throttled'
  | 'malformed'
  | 'circuit_open'
  | 'rate_limited';

/** Worth another attempt: the service may answer next time. A 4xx is our request's fault, never. */
const TRANSIENT = new Set<IntegrationFailure>(['timeout', 'network', 'http_5xx', 'throttled', 'malformed']);

/**
 * A failed call to an outside service. The message names the integration, method and path (without its
 * query) and what went wrong; never the response body, the base URL or any header, which may carry secrets.
 */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';

  constructor(
    readonly integration: string,
    readonly failure: IntegrationFailure,
    message: string,
    readonly details: {
      status?: number;
      /** How long the service asked us to wait (Retry-After). */
      retryAfterMs?: number;
      /** Not to be tried again even if transient: a POST that may have landed, a wait longer than we allow. */
      final?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(`${integration}: ${message}`, details.cause ? { cause: details.cause } : undefined);
  }

  get transient(): boolean {
    return TRANSIENT.has(this.failure);
  }

  /** Whether another attempt may be made now. */
  get retriable(): boolean {
    return this.transient && !this.details.final;
  }

  /** The same failure, not to be retried. */
  final(): IntegrationError {
    return new IntegrationError(
      this.integration,
      this.failure,
      this.message.slice(this.integration.length + 2),
      {
        ...this.details,
        final: true,
      },
    );
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** What a GraphQL client is told: the service by name, nothing of its answer. */
  toGraphQLError() {
    return ErrorCodes.SERVICE_UNAVAILABLE.err(`${this.integration} is unavailable; retry shortly`, {
      serviceName: this.integration,
    });
  }
}

/** A failure the breaker counts: the service's fault (a timeout of cockatiel's included), not ours. */
export const countsAgainst = (e: Error) =>
  e instanceof TaskCancelledError || (e instanceof IntegrationError && e.transient);

/** Any failure of one attempt as an IntegrationError (the policies' own errors included). */
export function asIntegrationError(integration: string, what: string, err: unknown): IntegrationError {
  if (err instanceof IntegrationError) return err;
  if (err instanceof BrokenCircuitError)
    return new IntegrationError(integration, 'circuit_open', `${what}: circuit open after repeated failures`);
  if (err instanceof TaskCancelledError)
    return new IntegrationError(integration, 'timeout', `${what}: timed out`);
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return new IntegrationError(integration, 'network', `${what}: ${code ?? 'connection failed'}`, {
    cause: err,
  });
}

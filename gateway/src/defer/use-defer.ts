import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import { isServerFault } from '@trae/kit';
import { type GraphQLError, type GraphQLFormattedError, getVariableValues } from 'graphql';
import Negotiator from 'negotiator';
import type { GatewayContext } from '../context.js';
import { hasDefer } from './defer-document.js';
import type { DeferExecutor, IncrementalItem, SubsequentPayload } from './defer-executor.js';

/** The incremental format Apollo Client 4's `Defer20220824Handler` speaks, and the one we write. */
export const DEFER_SPEC_MEDIA_TYPE = 'multipart/mixed; deferSpec=20220824';
// The same choice Apollo Server makes when it writes the multipart answer, so the two always agree.
const MULTIPART = ['multipart/mixed', 'multipart/mixed; incrementalSpec=v0.2', DEFER_SPEC_MEDIA_TYPE];

export function acceptsDefer(accept: string | undefined): boolean {
  if (!accept?.includes('multipart/mixed')) return false;
  return new Negotiator({ headers: { accept } }).mediaType(MULTIPART) === DEFER_SPEC_MEDIA_TYPE;
}

type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Serves queries with `@defer` over `multipart/mixed; deferSpec=20220824` when the client accepts it:
 * the primary part first, each deferred part as it is answered. It answers from
 * `responseForOperation`, after parsing, validation and every `didResolveOperation` (trusted
 * documents, limits, cost), so those apply as for any operation. Any other request (no multipart in
 * Accept, no active `@defer`, invalid variables, a mutation) goes on to @apollo/gateway, which
 * ignores `@defer` and answers in one JSON, as the spec allows.
 *
 * Apollo Server formats only the errors of answers it executed itself, so this formats and logs its
 * own with the same rules: `formatError`, no stack traces, server faults logged.
 */
export function useDefer(executor: DeferExecutor, formatError: Format): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      responseForOperation: async (requestContext) => {
        const { document, operation, request } = requestContext;
        if (!document || operation?.operation !== 'query' || !request.query) return null;
        if (!acceptsDefer(request.http?.headers.get('accept')) || !hasDefer(document)) return null;
        const coerced = getVariableValues(
          requestContext.schema,
          operation.variableDefinitions ?? [],
          request.variables ?? {},
        );
        if (coerced.errors) return null;
        const execution = await executor.execute(
          {
            query: request.query,
            document,
            operationName: request.operationName,
            variables: request.variables ?? {},
            coercedVariables: coerced.coerced,
          },
          {
            context: requestContext.contextValue,
            logger: requestContext.logger,
            metrics: requestContext.metrics,
            overallCachePolicy: requestContext.overallCachePolicy,
          },
        );
        if (!execution) return null;
        const format = formatter(requestContext, formatError);
        const { errors, ...initial } = execution.initial;
        return {
          // Each part must go out at once: this turns off a buffering proxy's buffering, where it honours the header.
          http: { status: undefined, headers: new HeaderMap([['x-accel-buffering', 'no']]) },
          body: {
            kind: 'incremental',
            initialResult: { ...initial, ...(errors?.length ? { errors: format(errors) } : {}) },
            subsequentResults: formatted(execution.subsequent, format),
          },
        };
      },
    }),
  };
}

async function* formatted(
  payloads: AsyncIterable<SubsequentPayload>,
  format: (errors: readonly GraphQLError[]) => GraphQLFormattedError[],
) {
  for await (const payload of payloads) {
    yield {
      ...payload,
      ...(payload.incremental
        ? {
            incremental: payload.incremental.map(({ errors, ...item }: IncrementalItem) => ({
              ...item,
              ...(errors?.length ? { errors: format(errors) } : {}),
            })),
          }
        : {}),
    };
  }
}

/** Apollo Server's own error normalization (default code, no `http` extension), then `formatError`. */
function formatter(requestContext: GraphQLRequestContext<GatewayContext>, formatError: Format) {
  return (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const { http: _http, ...extensions }: Record<string, unknown> = {
        ...error.extensions,
        code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
      };
      let formatted: GraphQLFormattedError;
      try {
        formatted = formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        formatted = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      if (isServerFault(formatted))
        requestContext.contextValue.log?.error(
          {
            err: error.originalError ?? error,
            path: error.path,
            serviceName: error.extensions.serviceName,
            operationName: requestContext.operationName,
          },
          'operation failed',
        );
      return formatted;
    });
}

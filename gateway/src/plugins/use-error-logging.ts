import type { ApolloServerPlugin } from '@apollo/server';
import { isServerFault } from '@trae/kit';
import type { GatewayContext } from '../context.js';
import { formatGatewayError } from '../format-error.js';

/** Logs what becomes INTERNAL_SERVER_ERROR for the client (the client only sees a generic message). */
export function useErrorLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didEncounterErrors: async ({ contextValue, errors, operationName }) => {
        for (const error of errors) {
          const formatted = formatGatewayError(
            { message: error.message, extensions: error.extensions },
            error,
          );
          if (!isServerFault(formatted)) continue;
          contextValue.log?.error(
            {
              err: error.originalError ?? error,
              path: error.path,
              serviceName: error.extensions?.serviceName,
              operationName,
            },
            'operation failed',
          );
        }
      },
    }),
  };
}

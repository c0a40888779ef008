import type { Response } from 'express';
import type { GraphQLError } from 'graphql';

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

/**
 * Answers outside Apollo (auth, rate limit, body errors) still look like a GraphQL response,
 * so clients handle every failure through `errors[].extensions.code`.
 */
export function sendGraphQLError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number }; code?: string };
  const status = http?.status ?? STATUS_BY_CODE[extensions.code ?? ''] ?? 500;
  res.status(status).json({ errors: [{ message: error.message, extensions }] });
}

import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import { LogoutDocument, RefreshTokenDocument } from './auth.operations';
import { SessionExpiredError, type SessionTransport } from './session';

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Refresh and logout go over plain fetch, outside Apollo: the Apollo links wait on the session for a
 * token, so the session must not wait on them.
 */
export function httpSessionTransport(endpoint = '/graphql'): SessionTransport {
  async function call<TData, TVars>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
  ): Promise<TData> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as GraphQLBody<TData>;
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'UNAUTHENTICATED') throw new SessionExpiredError(error.message);
    if (error || !body.data) throw new Error(error?.message ?? `The server answered ${response.status}`);
    return body.data;
  }

  return {
    async refresh(refreshToken) {
      return (await call(RefreshTokenDocument, { refreshToken })).refreshToken;
    },
    async logout(refreshToken) {
      await call(LogoutDocument, { refreshToken });
    },
  };
}

import { ApolloProvider } from '@apollo/client/react';
import { createContext, type ReactNode, use, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Api } from '../apollo/client';
import type { AuthSession, SessionState } from './session';

interface AuthContextValue {
  session: AuthSession;
  api: Api;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Restores the session once, provides Apollo, and drops cached data when the user changes. */
export function AuthProvider({ session, api, children }: AuthContextValue & { children: ReactNode }) {
  useEffect(() => {
    void session.restore();
    // Another user must never see the previous one's cached data.
    return session.onTokenChange((token) => {
      if (token === null) void api.client.clearStore();
    });
  }, [session, api]);
  const value = useMemo(() => ({ session, api }), [session, api]);
  return (
    <AuthContext value={value}>
      <ApolloProvider client={api.client}>{children}</ApolloProvider>
    </AuthContext>
  );
}

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth needs an <AuthProvider>');
  return value;
}

/** The signed-in state, re-rendering on sign-in, refresh of the user, and sign-out. */
export function useSession(): SessionState {
  const { session } = useAuth();
  return useSyncExternalStore(session.subscribe, session.getState);
}

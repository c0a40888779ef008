import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../src/apollo/client';
import { AuthProvider } from '../src/auth/AuthProvider';
import { AuthSession } from '../src/auth/session';
import { OidcButtons } from '../src/pages/OidcButtons';
import { OidcCallbackPage } from '../src/pages/OidcCallbackPage';
import { ThemeProvider } from '../src/theme/ThemeProvider';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const payload = {
  __typename: 'AuthPayload',
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 900,
  user: { __typename: 'User', id: 'u1', username: 'alice', email: null, role: 'USER' as const },
};

/** The page as the provider's redirect opens it, with the gateway's GraphQL answered by `answer`. */
function openAt(hash: string, answer: unknown, signedIn = false, path = '/login/oidc') {
  const bodies: { variables?: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
    }),
  );
  window.history.replaceState(null, '', `/login/oidc${hash}`);
  sessionStorage.clear();
  const session = new AuthSession(
    { refresh: async () => Promise.reject(new Error('offline')), logout: async () => undefined },
    sessionStorage,
  );
  if (signedIn) session.signIn(payload);
  render(
    <ThemeProvider>
      <AuthProvider session={session} api={createApi(session, 'http://localhost/graphql')}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/login/oidc" element={<OidcCallbackPage />} />
            <Route path="/buttons" element={<OidcButtons />} />
            <Route path="/" element={<p>dashboard</p>} />
            <Route path="/login" element={<p>login page</p>} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </ThemeProvider>,
  );
  return { session, bodies };
}

describe('the provider sign-in page (/login/oidc)', () => {
  it('spends the one-time code once, wipes it from the address bar and signs in', async () => {
    const { session, bodies } = openAt('#code=one-time', { data: { exchangeOidcCode: payload } });
    expect(window.location.hash).toBe('');
    await screen.findByText('dashboard');
    expect(bodies.map((b) => b.variables)).toEqual([{ code: 'one-time' }]);
    expect(session.getState().user).toMatchObject({ username: 'alice' });
  });

  it('shows the refusal identity sent back, and a way back to sign-in', async () => {
    const { bodies } = openAt(
      `#error=CONFLICT&message=${encodeURIComponent('An account with this email exists already')}`,
      {},
    );
    expect(screen.getByRole('alert').textContent).toContain('An account with this email exists already');
    expect(screen.getByRole('link', { name: 'Back to sign-in' })).toBeTruthy();
    expect(bodies).toEqual([]);
  });

  it('asks for the second factor when the account has it on', async () => {
    openAt('#code=c', {
      data: null,
      errors: [
        {
          message: 'Enter the code',
          extensions: { code: 'TWO_FACTOR_REQUIRED', challengeToken: 't', expiresIn: 300 },
        },
      ],
    });
    await waitFor(() => expect(screen.getByLabelText('Authentication code')).toBeTruthy());
  });

  it('says a spent code is spent', async () => {
    openAt('#code=c', {
      data: null,
      errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect((await screen.findByRole('alert')).textContent).toContain('expired or was used already');
  });

  it('confirms a link with the session of the person who started it', async () => {
    const { bodies } = openAt('#link=l1nk', { data: { confirmOidcLink: true } }, true);
    expect(await screen.findByText(/Linked: you can now sign in with this provider too/)).toBeTruthy();
    expect(bodies.map((b) => b.variables)).toEqual([{ code: 'l1nk' }]);
  });

  it('asks to sign in first when a link comes back to a signed-out browser', async () => {
    const { bodies } = openAt('#link=l1nk', {});
    expect((await screen.findByRole('alert')).textContent).toContain('Sign in first');
    expect(bodies).toEqual([]);
  });

  it('offers a button per provider, pointing at its start route through the gateway', async () => {
    const providers = [
      { __typename: 'OidcProvider', id: 'corp', name: 'Corp SSO' },
      { __typename: 'OidcProvider', id: 'google', name: 'Google' },
    ];
    openAt('', { data: { oidcProviders: providers } }, false, '/buttons');
    const google = await screen.findByRole('link', { name: 'Google' });
    expect(google.getAttribute('href')).toBe('/auth/oidc/google/start');
    expect(screen.getByRole('link', { name: 'Corp SSO' }).getAttribute('href')).toBe('/auth/oidc/corp/start');
  });
});

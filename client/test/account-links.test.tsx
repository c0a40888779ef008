import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../src/apollo/client';
import { AuthProvider } from '../src/auth/AuthProvider';
import { AuthSession } from '../src/auth/session';
import {
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  VerifyEmailDocument,
} from '../src/pages/account/account.operations';
import { SessionsSection } from '../src/pages/account/SessionsSection';
import { ForgotPasswordPage } from '../src/pages/ForgotPasswordPage';
import { ResetPasswordPage } from '../src/pages/ResetPasswordPage';
import { VerifyEmailPage } from '../src/pages/VerifyEmailPage';
import { ThemeProvider } from '../src/theme/ThemeProvider';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function openAt(path: string, mocks: unknown[], page: ReactNode) {
  render(
    <ThemeProvider>
      <MockedProvider mocks={mocks as []}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={path.split('?')[0]} element={page} />
          </Routes>
        </MemoryRouter>
      </MockedProvider>
    </ThemeProvider>,
  );
}

const mutation = (query: unknown, variables: Record<string, unknown>, result: unknown) => ({
  request: { query, variables },
  result,
});

describe('Forgot password', () => {
  it('gives the same answer whatever the address, without saying whether it has an account', async () => {
    const sent = { data: { __typename: 'Mutation', requestPasswordReset: true } };
    openAt(
      '/forgot-password',
      [mutation(RequestPasswordResetDocument, { email: 'who@example.com' }, sent)],
      <ForgotPasswordPage />,
    );
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' who@example.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));

    expect((await screen.findByRole('status')).textContent).toContain('If an account uses that address');
  });
});

describe('/reset-password?token=', () => {
  const input = { token: 't0ken', newPassword: 'a new password' };

  it('sets the new password from the link', async () => {
    const done = { data: { __typename: 'Mutation', resetPassword: true } };
    openAt(
      '/reset-password?token=t0ken',
      [mutation(ResetPasswordDocument, { input }, done)],
      <ResetPasswordPage />,
    );
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: input.newPassword } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));

    expect((await screen.findByRole('status')).textContent).toContain('every session has ended');
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('says a used or expired link is spent and offers a new one', async () => {
    const message = 'This reset link is invalid, already used or expired; ask for a new one';
    const refused = { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'token' } }] };
    openAt(
      '/reset-password?token=t0ken',
      [mutation(ResetPasswordDocument, { input }, refused)],
      <ResetPasswordPage />,
    );
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: input.newPassword } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));

    expect((await screen.findByRole('alert')).textContent).toContain(message);
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('says a malformed token is not a link token', async () => {
    const refused = {
      errors: [
        {
          message: 'input.token: token: is not a valid link token',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.token' },
        },
      ],
    };
    openAt(
      '/reset-password?token=t0ken',
      [mutation(ResetPasswordDocument, { input }, refused)],
      <ResetPasswordPage />,
    );
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: input.newPassword } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));

    expect((await screen.findByRole('alert')).textContent).toContain('This link is not a valid link token.');
  });

  it('puts a too-short password beside the field', async () => {
    const short = { token: 't0ken', newPassword: 'short' };
    const refused = {
      errors: [
        {
          message: 'input.newPassword: newPassword must be longer than or equal to 10 characters',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.newPassword' },
        },
      ],
    };
    openAt(
      '/reset-password?token=t0ken',
      [mutation(ResetPasswordDocument, { input: short }, refused)],
      <ResetPasswordPage />,
    );
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));

    expect(
      await screen.findByText('New password must be longer than or equal to 10 characters'),
    ).toBeTruthy();
  });
});

describe('/verify-email?token=', () => {
  it('spends the token on arrival and says the address is verified', async () => {
    const ok = { data: { __typename: 'Mutation', verifyEmail: true } };
    openAt(
      '/verify-email?token=v1',
      [mutation(VerifyEmailDocument, { token: 'v1' }, ok)],
      <VerifyEmailPage />,
    );

    expect(await screen.findByText('Your email address is verified.')).toBeTruthy();
  });
});

describe('SessionsSection', () => {
  const sessions = [
    { id: 's1', ip: '10.0.0.1', device: 'Firefox 128 on Linux', current: true },
    { id: 's2', ip: '10.0.0.2', device: 'Chrome 130 on macOS', current: false },
  ].map((s) => ({
    __typename: 'Session',
    createdAt: '2026-12-01T10:00:00Z',
    lastUsedAt: '2026-12-04T01:00:00Z',
    ...s,
  }));

  function openSessions() {
    const bodies: { operationName?: string; variables?: Record<string, unknown> }[] = [];
    const answers: Record<string, unknown> = {
      Sessions: {
        sessions: {
          __typename: 'SessionConnection',
          edges: sessions.map((node) => ({ __typename: 'SessionEdge', node })),
        },
      },
      RevokeSession: { revokeSession: true },
      SignOutEverywhere: { signOutEverywhere: true },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(String(init.body));
        bodies.push(body);
        return new Response(JSON.stringify({ data: answers[body.operationName] }), {
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    sessionStorage.clear();
    const session = new AuthSession(
      { refresh: async () => Promise.reject(new Error('offline')), logout: async () => undefined },
      sessionStorage,
    );
    session.signIn({
      accessToken: 'access',
      refreshToken: 'refresh',
      expiresIn: 900,
      user: { id: 'u1', username: 'alice', email: null, role: 'USER' },
    });
    render(
      <AuthProvider session={session} api={createApi(session, 'http://localhost/graphql')}>
        <SessionsSection />
      </AuthProvider>,
    );
    return { bodies, session };
  }

  it('lists device and address, marks this browser, and revokes only the others', async () => {
    const { bodies } = openSessions();
    expect(await screen.findByRole('button', { name: 'Revoke Chrome 130 on macOS' })).toBeTruthy();
    expect(screen.getByText('Firefox 128 on Linux')).toBeTruthy();
    expect(screen.getByText('This browser')).toBeTruthy();
    expect(screen.getByText(/10\.0\.0\.2/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Revoke/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Chrome 130 on macOS' }));

    await waitFor(() => expect(bodies.some((b) => b.operationName === 'RevokeSession')).toBe(true));
    expect(bodies.find((b) => b.operationName === 'RevokeSession')?.variables).toEqual({ id: 's2' });
  });

  it('signs this browser out too after "sign out everywhere"', async () => {
    const { session } = openSessions();
    await screen.findByRole('button', { name: 'Revoke Chrome 130 on macOS' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));

    await waitFor(() => expect(session.getState().status).toBe('signedOut'));
  });
});

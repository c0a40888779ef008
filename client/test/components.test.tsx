import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../src/apollo/client';
import { createApi } from '../src/apollo/client';
import { AuthProvider } from '../src/auth/AuthProvider';
import { ProtectedRoute } from '../src/auth/ProtectedRoute';
import { AuthSession } from '../src/auth/session';
import { VirtualList } from '../src/components/VirtualList';

afterEach(cleanup);

function signedIn(role: 'ADMIN' | 'USER'): { session: AuthSession; api: Api } {
  sessionStorage.clear();
  const session = new AuthSession(
    { refresh: async () => Promise.reject(new Error('offline')), logout: async () => undefined },
    sessionStorage,
  );
  session.signIn({
    accessToken: 'a',
    refreshToken: 'r',
    expiresIn: 900,
    user: { id: 'u', username: 'ada', email: null, role },
  });
  return { session, api: createApi(session, 'http://localhost/graphql') };
}

function renderAt(path: string, role: 'ADMIN' | 'USER') {
  const { session, api } = signedIn(role);
  render(
    <AuthProvider session={session} api={api}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<p>login page</p>} />
          <Route
            path="/users"
            element={
              <ProtectedRoute roles={['ADMIN']}>
                <p>users page</p>
              </ProtectedRoute>
            }
          />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

describe('ProtectedRoute', () => {
  it('lets an ADMIN open an admin page', () => {
    renderAt('/users', 'ADMIN');
    expect(screen.getByText('users page')).toBeTruthy();
  });

  it('tells a USER the page is not for them, without showing it', () => {
    renderAt('/users', 'USER');
    expect(screen.queryByText('users page')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('This page is for ADMIN users');
  });
});

describe('VirtualList', () => {
  it('renders only the rows in view out of 100,000', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), text: `line ${i}` }));
    render(
      <VirtualList
        items={items}
        rowHeight={32}
        label="Lines"
        getKey={(i) => i.id}
        renderRow={(i) => i.text}
      />,
    );
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].textContent).toBe('line 0');
    expect(rows[0].getAttribute('aria-setsize')).toBe('100000');
  });
});

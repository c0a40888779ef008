import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import type { ConnectionState } from '../apollo/ws';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useTheme } from '../theme/ThemeProvider';
import { ErrorBoundary } from './ErrorBoundary';
import { Loading } from './Loading';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/services', label: 'Services' },
  { to: '/system', label: 'System' },
  { to: '/system/backups', label: 'Backups', adminOnly: true },
  { to: '/logs', label: 'Logs' },
  { to: '/tasks', label: 'Tasks & agents' },
  { to: '/channels', label: 'Channels' },
  { to: '/uploads', label: 'Files' },
  { to: '/webhook-endpoints', label: 'Webhooks' },
  { to: '/webhook-sources', label: 'Webhook sources', adminOnly: true },
  { to: '/users', label: 'Users', adminOnly: true },
  { to: '/playground', label: 'Playground' },
];

const CONNECTION_LABEL: Record<ConnectionState, string | null> = {
  idle: null,
  connecting: 'Connecting live updates',
  connected: 'Live',
  reconnecting: 'Live updates paused',
};

function useConnectionState(): ConnectionState | null {
  const { api } = useAuth();
  const [state, setState] = useState<ConnectionState | null>(null);
  useEffect(() => api.ws.onState(setState), [api]);
  return state;
}

/** The frame of every signed-in page: skip link, header, navigation, and the page in an error boundary. */
export function Layout() {
  const { user } = useSession();
  const { session } = useAuth();
  const { theme, toggle } = useTheme();
  const location = useLocation();
  const connection = useConnectionState();
  const [menuOpen, setMenuOpen] = useState(false);

  // The phone menu closes when a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="button button-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <span className="brand">TRAE.AI</span>
        {connection && CONNECTION_LABEL[connection] && (
          <span className={`connection connection-${connection}`} role="status">
            {CONNECTION_LABEL[connection]}
          </span>
        )}
        <div className="topbar-actions">
          <button
            type="button"
            className="button button-ghost"
            onClick={toggle}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          {user && (
            <span className="who">
              {user.username} <span className="muted">({user.role.toLowerCase()})</span>
            </span>
          )}
          <button type="button" className="button button-ghost" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="main-nav" className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label="Main">
        <ul>
          {NAV.filter((item) => !item.adminOnly || user?.role === 'ADMIN').map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading label="Loading the page" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

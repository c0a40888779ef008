import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useConnection } from '../apollo/useFreshness';
import { useAuth, useSession } from '../auth/AuthProvider';
import { EndpointDisabledNotices } from '../pages/webhooks/EndpointDisabledNotices';
import { useTheme } from '../theme/ThemeProvider';
import { AlertBell } from './AlertBell';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { Loading } from './Loading';
import { UserAvatar } from './UserAvatar';
import { useFocusHeadingOnNavigation } from './useFocusHeadingOnNavigation';

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
  { to: '/alerts', label: 'Alerts', adminOnly: true },
  { to: '/logs', label: 'Logs' },
  { to: '/errors', label: 'Errors' },
  { to: '/tasks', label: 'Tasks & agents' },
  { to: '/channels', label: 'Channels' },
  { to: '/uploads', label: 'Files' },
  { to: '/webhook-endpoints', label: 'Webhooks' },
  { to: '/webhook-sources', label: 'Webhook sources', adminOnly: true },
  { to: '/users', label: 'Users', adminOnly: true },
  { to: '/playground', label: 'Playground' },
];

/** The top bar's word for the live socket; any outage (HTTP too) reads "unreachable". */
function useConnectionLabel(): { label: string; tone: 'ok' | 'bad' } | null {
  const { http, live, liveConnected } = useConnection();
  if (http || live) return { label: 'Unreachable', tone: 'bad' };
  if (liveConnected) return { label: 'Live', tone: 'ok' };
  return null;
}

/** The frame of every signed-in page: skip link, header, navigation, and the page in an error boundary. */
export function Layout() {
  const { user } = useSession();
  const { session } = useAuth();
  const { theme, toggle } = useTheme();
  const location = useLocation();
  const connection = useConnectionLabel();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigation(main);

  // The phone menu closes when a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  // Escape closes the phone menu and gives focus back to its button, as a disclosure should.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          ref={menuButton}
          type="button"
          className="button button-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <span className="brand">TRAE.AI</span>
        {connection && <span className={`connection connection-${connection.tone}`}>{connection.label}</span>}
        <div className="topbar-actions">
          {user?.role === 'ADMIN' && <AlertBell />}
          <button
            type="button"
            className="button button-ghost"
            onClick={toggle}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          {user && (
            <Link className="who" to="/account" aria-label={`Your account: ${user.username}`}>
              <UserAvatar /> {user.username} <span className="muted">({user.role.toLowerCase()})</span>
            </Link>
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
      <main id="main" className="content" tabIndex={-1} ref={main}>
        <ConnectionBanner />
        {user && <EndpointDisabledNotices />}
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading label="Loading the page" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

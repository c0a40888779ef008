import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApi } from './apollo/client';
import { AuthProvider } from './auth/AuthProvider';
import { AuthSession } from './auth/session';
import { httpSessionTransport } from './auth/transport';
import { ErrorBoundary } from './components/ErrorBoundary';
import { applyTheme, initialTheme, ThemeProvider } from './theme/ThemeProvider';
import './styles/global.css';

// Before the first paint, so a dark-theme user never sees a white flash (no inline script: the CSP forbids it).
applyTheme(initialTheme());

const session = new AuthSession(httpSessionTransport(), window.localStorage);
// Another tab signed in, refreshed or signed out: follow it.
window.addEventListener('storage', (event) => {
  if (event.storageArea === window.localStorage) session.sync();
});
const api = createApi(session);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <ThemeProvider>
        <AuthProvider session={session} api={api}>
          <App />
        </AuthProvider>
      </ThemeProvider>
    </ErrorBoundary>
  </StrictMode>,
);

import type { ReactNode } from 'react';
import { useTheme } from '../theme/ThemeProvider';

/** The centred card around the login and register forms. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { theme, toggle } = useTheme();
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand">TRAE.AI</p>
        <h1>{title}</h1>
        {children}
      </div>
      <button type="button" className="button button-ghost auth-theme" onClick={toggle}>
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </main>
  );
}

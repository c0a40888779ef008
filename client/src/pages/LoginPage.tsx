import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../auth/AuthProvider';
import { LoginDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { signInProblem } from '../auth/sign-in-errors';
import { AuthLayout } from './AuthLayout';
import { OidcButtons } from './OidcButtons';
import { type Notice, SignInNotice } from './SignInNotice';
import { TwoFactorStep } from './TwoFactorStep';

/** Sign-in: the password (or a provider), then the authenticator code when the account has two-factor on. */
export function LoginPage() {
  const { session } = useAuth();
  const { user } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [login, { loading }] = useMutation(LoginDocument);
  const [form, setForm] = useState({ login: '', password: '' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);

  if (user) return <Navigate to={from} replace />;

  function signedIn(payload: AuthPayloadLike) {
    session.signIn(payload);
    navigate(from, { replace: true });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    try {
      const { data } = await login({ variables: { input: form } });
      if (data) signedIn(data.login);
    } catch (error) {
      const problem = signInProblem(error, 'password');
      if (problem.kind === 'twoFactor') setChallenge(problem.challengeToken);
      else setNotice(problem);
    }
  }

  function backToPassword(message?: string) {
    setChallenge(null);
    setForm((f) => ({ ...f, password: '' }));
    setNotice(message ? { message } : null);
  }

  if (challenge)
    return (
      <AuthLayout title="Two-factor sign-in">
        <TwoFactorStep
          challengeToken={challenge}
          onSignedIn={signedIn}
          onRestart={backToPassword}
          onCancel={() => backToPassword()}
        />
      </AuthLayout>
    );

  return (
    <AuthLayout title="Sign in">
      <form className="form" onSubmit={submit}>
        <label>
          Username or email
          <input
            name="login"
            autoComplete="username"
            required
            value={form.login}
            onChange={(e) => setForm({ ...form, login: e.target.value })}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        {notice && <SignInNotice notice={notice} />}
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <OidcButtons />
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </AuthLayout>
  );
}

import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../auth/AuthProvider';
import { LoginDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { type SignInProblem, signInProblem } from '../auth/sign-in-errors';
import { AuthLayout } from './AuthLayout';
import { OidcButtons } from './OidcButtons';
import { PasskeySignIn } from './PasskeySignIn';
import { type Notice, SignInNotice } from './SignInNotice';
import { TwoFactorEnrolmentStep } from './TwoFactorEnrolmentStep';
import { TwoFactorStep } from './TwoFactorStep';

type SecondStep = Extract<SignInProblem, { kind: 'twoFactor' | 'enrol' }>;

/**
 * Sign-in: the password (or a provider), then the authenticator code or a passkey when the account has
 * two-factor on, or the app's enrolment when an admin must have it and has not.
 */
export function LoginPage() {
  const { session } = useAuth();
  const { user } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [login, { loading }] = useMutation(LoginDocument);
  const [form, setForm] = useState({ login: '', password: '' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [step, setStep] = useState<SecondStep | null>(null);

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
      if (problem.kind === 'twoFactor' || problem.kind === 'enrol') setStep(problem);
      else setNotice(problem);
    }
  }

  function backToPassword(message?: string) {
    setStep(null);
    setForm((f) => ({ ...f, password: '' }));
    setNotice(message ? { message } : null);
  }

  if (step?.kind === 'enrol')
    return (
      <AuthLayout title="Set up two-factor sign-in">
        <TwoFactorEnrolmentStep
          challengeToken={step.challengeToken}
          onSignedIn={signedIn}
          onRestart={backToPassword}
          onCancel={() => backToPassword()}
        />
      </AuthLayout>
    );
  if (step)
    return (
      <AuthLayout title="Two-factor sign-in">
        <TwoFactorStep
          challengeToken={step.challengeToken}
          passkey={step.passkey}
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
      <PasskeySignIn onSignedIn={signedIn} onProblem={setNotice} />
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

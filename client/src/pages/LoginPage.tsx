import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../auth/AuthProvider';
import { LoginDocument } from '../auth/auth.operations';
import { ErrorMessage } from '../components/ErrorMessage';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { session } = useAuth();
  const { user } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [login, { loading, error }] = useMutation(LoginDocument);
  const [form, setForm] = useState({ login: '', password: '' });

  if (user) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await login({ variables: { input: form } }).catch(() => ({ data: undefined }));
    if (!data) return;
    session.signIn(data.login);
    navigate(from, { replace: true });
  }

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
        {error && <ErrorMessage error={error} title="Could not sign in" />}
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </AuthLayout>
  );
}

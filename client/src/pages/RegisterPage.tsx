import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../auth/AuthProvider';
import { RegisterDocument } from '../auth/auth.operations';
import { ErrorMessage } from '../components/ErrorMessage';
import { AuthLayout } from './AuthLayout';

export function RegisterPage() {
  const { session } = useAuth();
  const { user } = useSession();
  const navigate = useNavigate();
  const [register, { loading, error }] = useMutation(RegisterDocument);
  const [form, setForm] = useState({ username: '', email: '', password: '' });

  if (user) return <Navigate to="/" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await register({ variables: { input: form } }).catch(() => ({ data: undefined }));
    if (!data) return;
    session.signIn(data.register);
    navigate('/', { replace: true });
  }

  return (
    <AuthLayout title="Create an account">
      <form className="form" onSubmit={submit}>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            pattern="[A-Za-z0-9._\-]+"
            aria-describedby="username-hint"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
          <span id="username-hint" className="hint">
            3 to 32 letters, digits, dots, dashes or underscores.
          </span>
        </label>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="password-hint"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
          <span id="password-hint" className="hint">
            At least 10 characters.
          </span>
        </label>
        {error && <ErrorMessage error={error} title="Could not create the account" />}
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}

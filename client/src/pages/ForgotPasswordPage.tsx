import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { useFormErrors } from '../lib/useFormErrors';
import { AuthLayout } from './AuthLayout';
import { RequestPasswordResetDocument } from './account/account.operations';

const FIELDS = ['email'] as const;

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [request, { loading }] = useMutation(RequestPasswordResetDocument);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const errors = useFormErrors(FIELDS, '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      await request({ variables: { email: email.trim() } });
      setSent(true);
    } catch (error) {
      errors.fail(error);
    }
  }

  return (
    <AuthLayout title="Reset your password">
      {sent ? (
        <p role="status">
          If an account uses that address, a link to set a new password is on its way. It works once, for 30
          minutes.
        </p>
      ) : (
        <form className="form" onSubmit={submit}>
          <Field label="Email" error={errors.fields.email}>
            {(c) => (
              <input
                {...c}
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          {errors.general ? <ErrorMessage error={errors.general} /> : null}
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">Back to sign-in</Link>
      </p>
    </AuthLayout>
  );
}

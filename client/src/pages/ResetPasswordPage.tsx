import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { useFormErrors } from '../lib/useFormErrors';
import { AuthLayout } from './AuthLayout';
import { ResetPasswordDocument } from './account/account.operations';

const FIELDS = ['token', 'newPassword'] as const;

/** A whole sentence from identity ("This reset link is … expired") as it is; a rule after "This link". */
function linkProblem(rule: string | undefined): string {
  if (!rule) return 'This link has no token.';
  return /^\p{Lu}/u.test(rule) ? `${rule}.` : `This link ${rule}.`;
}

/** The emailed `/reset-password?token=` link: sets a new password (every session ends). */
export function ResetPasswordPage() {
  const token = useSearchParams()[0].get('token') ?? '';
  const [reset, { loading }] = useMutation(ResetPasswordDocument);
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      await reset({ variables: { input: { token, newPassword } } });
      setDone(true);
    } catch (error) {
      errors.fail(error);
    }
  }

  if (done)
    return (
      <AuthLayout title="Password changed">
        <p role="status">Your new password is set and every session has ended.</p>
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </AuthLayout>
    );

  return (
    <AuthLayout title="Set a new password">
      {!token || errors.fields.token ? (
        <p role="alert">
          {linkProblem(errors.fields.token)} <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      ) : (
        <form className="form" onSubmit={submit}>
          <Field label="New password" error={errors.fields.newPassword} hint="10 to 256 characters.">
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="new-password"
                required
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
              />
            )}
          </Field>
          {errors.general ? <ErrorMessage error={errors.general} /> : null}
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? 'Saving…' : 'Set password'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}

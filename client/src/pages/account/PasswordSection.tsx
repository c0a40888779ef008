import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormErrors } from '../../lib/useFormErrors';
import { ChangePasswordDocument, SessionsDocument } from './account.operations';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Change password: needs the current one, and ends every other session (identity does it). */
export function PasswordSection() {
  const [change, { loading }] = useMutation(ChangePasswordDocument, { refetchQueries: [SessionsDocument] });
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setDone(false);
    try {
      await change({ variables: { input: form } });
      setForm({ currentPassword: '', newPassword: '' });
      setDone(true);
    } catch (error) {
      errors.fail(error);
    }
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form className="form" onSubmit={submit}>
        <Field label="Current password" error={errors.fields.currentPassword}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="current-password"
              required
              value={form.currentPassword}
              onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
            />
          )}
        </Field>
        <Field label="New password" error={errors.fields.newPassword} hint="10 to 256 characters.">
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="new-password"
              required
              value={form.newPassword}
              onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
            />
          )}
        </Field>
        <p className="muted">Changing it signs you out everywhere else; this browser stays signed in.</p>
        {errors.general ? <ErrorMessage error={errors.general} title="Password not changed" /> : null}
        <p role="status">{done && 'Password changed. Your other sessions have ended.'}</p>
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

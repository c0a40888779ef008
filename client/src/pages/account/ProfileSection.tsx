import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormErrors } from '../../lib/useFormErrors';
import { AvatarPicker } from './AvatarPicker';
import { ResendVerificationDocument, UpdateProfileDocument } from './account.operations';

interface Props {
  me: {
    username: string;
    avatarUrl: string;
    email?: string | null;
    displayName?: string | null;
    pendingEmail?: string | null;
    emailVerified: boolean;
  };
}

const FIELDS = ['displayName', 'email', 'currentPassword', 'pendingEmail'] as const;

/** Display name at once; a new email only once the link sent to it is followed (with the password). */
export function ProfileSection({ me }: Props) {
  const [update, { loading }] = useMutation(UpdateProfileDocument);
  const [resend, resendState] = useMutation(ResendVerificationDocument);
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [email, setEmail] = useState(me.email ?? '');
  const [currentPassword, setCurrentPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);
  const emailChanged = email.trim() !== (me.email ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setSaved(null);
    const input = emailChanged ? { displayName, email: email.trim(), currentPassword } : { displayName };
    try {
      const { data } = await update({ variables: { input } });
      // The address changes only once its link is followed: show the one in use, and the pending one below.
      setEmail(data?.updateProfile.email ?? me.email ?? '');
      setCurrentPassword('');
      setSaved(emailChanged ? `Saved. Follow the link sent to ${email.trim()} to use it.` : 'Saved.');
    } catch (error) {
      errors.fail(error);
    }
  }

  const emailError = errors.fields.email ?? errors.fields.pendingEmail;
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <AvatarPicker avatarUrl={me.avatarUrl} name={me.displayName || me.username} />
      <form className="form" onSubmit={submit}>
        <Field label="Display name" error={errors.fields.displayName} hint="Empty: your username is shown.">
          {(c) => <input {...c} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field
          label="Email"
          error={emailError}
          hint={me.email ? (me.emailVerified ? 'Verified.' : 'Not verified yet.') : undefined}
        >
          {(c) => (
            <input
              {...c}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        {emailChanged && (
          <Field
            label="Current password"
            error={errors.fields.currentPassword}
            hint="Needed to change the email."
          >
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="current-password"
                required
                value={currentPassword}
                onChange={(e) => setCurrentPassword(e.target.value)}
              />
            )}
          </Field>
        )}
        {me.pendingEmail && (
          <p className="muted">
            Waiting for you to follow the link sent to <strong>{me.pendingEmail}</strong>.
          </p>
        )}
        {(me.pendingEmail || (me.email && !me.emailVerified)) && (
          <p>
            <button
              type="button"
              className="button button-small"
              disabled={resendState.loading}
              onClick={() => void resend().catch(() => undefined)}
            >
              Send the verification link again
            </button>{' '}
            <span role="status">{resendState.data && 'Sent.'}</span>
          </p>
        )}
        {resendState.error && <ErrorMessage error={resendState.error} />}
        {errors.general ? <ErrorMessage error={errors.general} title="Not saved" /> : null}
        <p role="status">{saved}</p>
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? 'Saving…' : 'Save profile'}
        </button>
      </form>
    </section>
  );
}

import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { CompleteTwoFactorLoginDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { signInProblem } from '../auth/sign-in-errors';
import { type Notice, SignInNotice } from './SignInNotice';

interface Props {
  challengeToken: string;
  onSignedIn: (payload: AuthPayloadLike) => void;
  /** The challenge is over (expired, spent, too many wrong codes): ask for the password again. */
  onRestart: (message: string) => void;
  onCancel: () => void;
}

/** The second step of a sign-in with two-factor on: the app's 6-digit code or a recovery code. */
export function TwoFactorStep({ challengeToken, onSignedIn, onRestart, onCancel }: Props) {
  const [complete, { loading }] = useMutation(CompleteTwoFactorLoginDocument);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { data } = await complete({ variables: { input: { challengeToken, code: code.trim() } } });
      if (data) onSignedIn(data.completeTwoFactorLogin);
    } catch (error) {
      const problem = signInProblem(error, 'code');
      if (problem.kind === 'restart') onRestart(problem.message);
      else if (problem.kind === 'refused') setNotice(problem);
      setCode('');
    }
  }

  return (
    <form className="form" onSubmit={submit}>
      <p>Your password was right. This account also needs the code from your authenticator app.</p>
      <label>
        Authentication code
        <input
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          // biome-ignore lint/a11y/noAutofocus: the field the person came to fill, right after the password.
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="code-help"
        />
      </label>
      <p id="code-help" className="muted">
        The 6-digit code from the app, or one of your recovery codes if you lost the device.
      </p>
      {notice && <SignInNotice notice={notice} />}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Use another account
      </button>
    </form>
  );
}

import { useMutation } from '@apollo/client/react';
import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import {
  CompletePasskeyLoginDocument,
  CompleteTwoFactorLoginDocument,
  PasskeyLoginOptionsDocument,
} from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { signInProblem } from '../auth/sign-in-errors';
import { type Notice, SignInNotice } from './SignInNotice';

interface Props {
  challengeToken: string;
  /** The account has passkeys: offer one beside the code. */
  passkey?: boolean;
  onSignedIn: (payload: AuthPayloadLike) => void;
  /** The challenge is over (expired, spent, too many wrong codes): ask for the password again. */
  onRestart: (message: string) => void;
  onCancel: () => void;
}

/**
 * The second step of a sign-in with two-factor on: the app's 6-digit code, a recovery code, or (when
 * the account has one) a passkey through the browser's WebAuthn prompt.
 */
export function TwoFactorStep({ challengeToken, passkey, onSignedIn, onRestart, onCancel }: Props) {
  const [complete, { loading }] = useMutation(CompleteTwoFactorLoginDocument);
  const [passkeyOptions] = useMutation(PasskeyLoginOptionsDocument);
  const [completePasskey] = useMutation(CompletePasskeyLoginDocument);
  const [asking, setAsking] = useState(false);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);

  function failed(error: unknown) {
    const problem = signInProblem(error, 'code');
    if (problem.kind === 'restart') onRestart(problem.message);
    else if (problem.kind === 'refused') setNotice(problem);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { data } = await complete({ variables: { input: { challengeToken, code: code.trim() } } });
      if (data) onSignedIn(data.completeTwoFactorLogin);
    } catch (error) {
      failed(error);
      setCode('');
    }
  }

  async function signInWithPasskey() {
    setNotice(null);
    setAsking(true);
    try {
      const { data } = await passkeyOptions({ variables: { challengeToken } });
      if (!data) return;
      let response: Awaited<ReturnType<typeof startAuthentication>>;
      try {
        response = await startAuthentication({ optionsJSON: data.passkeyLoginOptions as never });
      } catch {
        // The person closed the prompt, or the device has none of this account's passkeys.
        setNotice({ message: 'No passkey was used. Try again, or type the code from the app.' });
        return;
      }
      const done = await completePasskey({
        variables: { input: { challengeToken, response: response as unknown as Record<string, unknown> } },
      });
      if (done.data) onSignedIn(done.data.completePasskeyLogin);
    } catch (error) {
      failed(error);
    } finally {
      setAsking(false);
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
      {passkey && (
        <button type="button" className="button" disabled={asking} onClick={() => void signInWithPasskey()}>
          {asking ? 'Waiting for the passkey…' : 'Use a passkey instead'}
        </button>
      )}
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Use another account
      </button>
    </form>
  );
}

import { useMutation } from '@apollo/client/react';
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { PasskeySignInOptionsDocument, SignInWithPasskeyDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { signInProblem } from '../auth/sign-in-errors';
import type { Notice } from './SignInNotice';

interface Props {
  onSignedIn: (payload: AuthPayloadLike) => void;
  onProblem: (notice: Notice) => void;
}

/**
 * "Use a passkey" on the sign-in page: no password; the browser offers the passkeys it holds for this site, and
 * the device's PIN or biometrics make it both factors (identity requires that check).
 */
export function PasskeySignIn({ onSignedIn, onProblem }: Props) {
  const [start] = useMutation(PasskeySignInOptionsDocument);
  const [finish] = useMutation(SignInWithPasskeyDocument);
  const [asking, setAsking] = useState(false);
  if (!browserSupportsWebAuthn()) return null;

  async function signIn() {
    setAsking(true);
    try {
      const { data } = await start();
      if (!data) return;
      const { flowId, options } = data.passkeySignInOptions;
      let response: Awaited<ReturnType<typeof startAuthentication>>;
      try {
        response = await startAuthentication({ optionsJSON: options as never });
      } catch {
        onProblem({ message: 'No passkey was used. Try again, or sign in with your password.' });
        return;
      }
      const done = await finish({
        variables: { input: { flowId, response: response as unknown as Record<string, unknown> } },
      });
      if (done.data) onSignedIn(done.data.signInWithPasskey);
    } catch (error) {
      const problem = signInProblem(error, 'provider');
      onProblem('message' in problem ? problem : { message: 'The passkey sign-in failed.' });
    } finally {
      setAsking(false);
    }
  }

  return (
    <button type="button" className="button" disabled={asking} onClick={() => void signIn()}>
      {asking ? 'Waiting for the passkey…' : 'Use a passkey'}
    </button>
  );
}

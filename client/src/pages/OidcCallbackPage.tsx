import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { ExchangeOidcCodeDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { type SignInProblem, signInProblem } from '../auth/sign-in-errors';
import { AuthLayout } from './AuthLayout';
import { OidcLinkConfirm } from './OidcLinkConfirm';
import { type Notice, SignInNotice } from './SignInNotice';
import { TwoFactorEnrolmentStep } from './TwoFactorEnrolmentStep';
import { TwoFactorStep } from './TwoFactorStep';

type Outcome = { code?: string; link?: string; error?: string; message?: string };

/** Identity's answer, in the fragment (never sent to a server), read once and wiped from the address bar. */
function readOutcome(): Outcome {
  const params = new URLSearchParams(window.location.hash.slice(1));
  window.history.replaceState(null, '', window.location.pathname);
  return Object.fromEntries(params) as Outcome;
}

/**
 * Where a provider sign-in comes back: the one-time code becomes a session, a link is confirmed, or the
 * refusal is shown.
 */
export function OidcCallbackPage() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [exchange] = useMutation(ExchangeOidcCodeDocument);
  const [outcome] = useState(readOutcome);
  const [notice, setNotice] = useState<Notice | null>(
    outcome.error ? { message: outcome.message ?? 'The provider sign-in failed.' } : null,
  );
  const [challenge, setChallenge] = useState<Extract<SignInProblem, { kind: 'twoFactor' | 'enrol' }> | null>(
    null,
  );
  // The code is good once: a second effect run (StrictMode) must not spend it again.
  const spent = useRef(false);

  function signedIn(payload: AuthPayloadLike) {
    session.signIn(payload);
    navigate('/', { replace: true });
  }

  useEffect(() => {
    if (!outcome.code || spent.current) return;
    spent.current = true;
    exchange({ variables: { code: outcome.code } })
      .then(({ data }) => data && signedIn(data.exchangeOidcCode))
      .catch((error: unknown) => {
        const problem = signInProblem(error, 'provider');
        if (problem.kind === 'twoFactor' || problem.kind === 'enrol') setChallenge(problem);
        else setNotice(problem);
      });
  });

  const restart = (message: string) => {
    setChallenge(null);
    setNotice({ message });
  };
  if (challenge?.kind === 'enrol')
    return (
      <AuthLayout title="Set up two-factor sign-in">
        <TwoFactorEnrolmentStep
          challengeToken={challenge.challengeToken}
          onSignedIn={signedIn}
          onRestart={restart}
          onCancel={() => navigate('/login', { replace: true })}
        />
      </AuthLayout>
    );
  if (challenge)
    return (
      <AuthLayout title="Two-factor sign-in">
        <TwoFactorStep
          challengeToken={challenge.challengeToken}
          passkey={challenge.passkey}
          onSignedIn={signedIn}
          onRestart={restart}
          onCancel={() => navigate('/login', { replace: true })}
        />
      </AuthLayout>
    );
  if (outcome.link)
    return (
      <AuthLayout title="Link a provider">
        <OidcLinkConfirm code={outcome.link} />
      </AuthLayout>
    );
  return (
    <AuthLayout title="Sign in">
      {notice ? <SignInNotice notice={notice} /> : outcome.code ? <p>Signing you in…</p> : null}
      {(notice || !outcome.code) && (
        <p>
          <Link to="/login">Back to sign-in</Link>
        </p>
      )}
    </AuthLayout>
  );
}

import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { CompleteTwoFactorEnrolmentDocument, EnrolTotpForSignInDocument } from '../auth/auth.operations';
import type { AuthPayloadLike } from '../auth/session';
import { signInProblem } from '../auth/sign-in-errors';
import { SecretOnce } from '../components/SecretOnce';
import { TotpQr } from './account/TotpQr';
import { type Notice, SignInNotice } from './SignInNotice';

interface Props {
  challengeToken: string;
  onSignedIn: (payload: AuthPayloadLike) => void;
  /** The challenge is over (expired, spent, too many wrong codes): ask for the password again. */
  onRestart: (message: string) => void;
  onCancel: () => void;
}

/**
 * The sign-in of an ADMIN who must use two-factor (REQUIRE_2FA_FOR_ADMINS) and has not set it up: the
 * challenge only enrols an authenticator app, and its first code finishes the sign-in. The recovery
 * codes are shown once before the dashboard opens.
 */
export function TwoFactorEnrolmentStep({ challengeToken, onSignedIn, onRestart, onCancel }: Props) {
  const [enrol, enrolState] = useMutation(EnrolTotpForSignInDocument);
  const [complete, completeState] = useMutation(CompleteTwoFactorEnrolmentDocument);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [done, setDone] = useState<{ codes: string[]; session: AuthPayloadLike } | null>(null);
  const enrolment = enrolState.data?.enrolTotp;

  function failed(error: unknown) {
    const problem = signInProblem(error, 'code');
    if (problem.kind === 'restart') onRestart(problem.message);
    else if (problem.kind === 'refused') setNotice(problem);
  }

  async function start() {
    setNotice(null);
    await enrol({ variables: { challengeToken } }).catch(failed);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    try {
      const { data } = await complete({ variables: { input: { challengeToken, code: code.trim() } } });
      if (data)
        setDone({
          codes: data.completeTwoFactorEnrolment.recoveryCodes,
          session: data.completeTwoFactorEnrolment.session,
        });
    } catch (error) {
      failed(error);
      setCode('');
    }
  }

  if (done)
    return (
      <div className="form">
        <p>Two-factor sign-in is on. From now on, sign in with your password and the app's code.</p>
        <SecretOnce
          label="Your recovery codes"
          secret={done.codes.join('\n')}
          note="Each works once, in place of the app's code, if you lose the device."
          copyLabel="Copy codes"
          onDone={() => onSignedIn(done.session)}
        />
      </div>
    );

  return (
    <div className="form">
      <p>
        Your password was right. Administrators must use two-factor sign-in here, and this account has not set
        it up yet: set up an authenticator app now to finish signing in.
      </p>
      {enrolment ? (
        <form className="form" onSubmit={submit}>
          <TotpQr enrolment={enrolment} />
          <label>
            Code from the app
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          {notice && <SignInNotice notice={notice} />}
          <button type="submit" className="button button-primary" disabled={completeState.loading}>
            {completeState.loading ? 'Checking…' : 'Turn on and sign in'}
          </button>
        </form>
      ) : (
        <>
          {notice && <SignInNotice notice={notice} />}
          <button
            type="button"
            className="button button-primary"
            disabled={enrolState.loading}
            onClick={() => void start()}
          >
            Set up the authenticator app
          </button>
        </>
      )}
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Use another account
      </button>
    </div>
  );
}

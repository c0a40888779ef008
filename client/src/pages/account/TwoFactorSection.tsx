import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretOnce } from '../../components/SecretOnce';
import { useFormErrors } from '../../lib/useFormErrors';
import {
  AccountDocument,
  ConfirmTotpDocument,
  DisableTwoFactorDocument,
  EnrolTotpDocument,
  RegenerateRecoveryCodesDocument,
} from './account.operations';
import { CodeForm } from './CodeForm';
import { TotpQr } from './TotpQr';

interface Props {
  status: { enabled: boolean; recoveryCodesLeft: number } | null | undefined;
}

const FIELDS = ['code'] as const;

/** TOTP two-factor: enrol (QR code, confirm with a first code), recovery codes shown once, disable. */
export function TwoFactorSection({ status }: Props) {
  const refetch = { refetchQueries: [AccountDocument] };
  const [enrol, enrolState] = useMutation(EnrolTotpDocument);
  const [confirm, confirmState] = useMutation(ConfirmTotpDocument, refetch);
  const [disable, disableState] = useMutation(DisableTwoFactorDocument, refetch);
  const [regenerate, regenerateState] = useMutation(RegenerateRecoveryCodesDocument, refetch);
  const [codes, setCodes] = useState<string[] | null>(null);
  // Two code fields show when it is on: a wrong code goes beside the one it was typed in.
  const [using, setUsing] = useState<'regenerate' | 'disable'>('disable');
  const errors = useFormErrors(FIELDS);
  const enrolment = enrolState.data?.enrolTotp;

  async function start() {
    errors.reset();
    await enrol().catch(errors.fail);
  }

  async function confirmCode(code: string) {
    errors.reset();
    try {
      const { data } = await confirm({ variables: { input: { code } } });
      if (data) setCodes(data.confirmTotp.codes);
      enrolState.reset();
    } catch (error) {
      errors.fail(error);
    }
  }

  async function regenerateWith(code: string) {
    errors.reset();
    setUsing('regenerate');
    try {
      const { data } = await regenerate({ variables: { code } });
      if (data) setCodes(data.regenerateRecoveryCodes.codes);
    } catch (error) {
      errors.fail(error);
    }
  }

  async function disableWith(code: string) {
    errors.reset();
    setUsing('disable');
    await disable({ variables: { code } }).catch(errors.fail);
  }

  return (
    <section aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
      {codes && (
        <SecretOnce
          label="Your recovery codes"
          secret={codes.join('\n')}
          note="Each works once, in place of the app's code, if you lose the device."
          copyLabel="Copy codes"
          onDone={() => setCodes(null)}
        />
      )}
      {status?.enabled ? (
        <>
          <p>
            On: sign-in asks for the code from your authenticator app. {status.recoveryCodesLeft} recovery
            codes left.
          </p>
          <CodeForm
            label="Code for new recovery codes"
            action="New recovery codes"
            busy={regenerateState.loading}
            error={using === 'regenerate' ? errors.fields.code : undefined}
            onSubmit={regenerateWith}
          />
          <p className="muted">Turning it off also removes your passkeys.</p>
          <CodeForm
            label="Code to turn it off"
            action="Turn off two-factor"
            danger
            busy={disableState.loading}
            error={using === 'disable' ? errors.fields.code : undefined}
            onSubmit={disableWith}
          />
        </>
      ) : enrolment ? (
        <>
          <TotpQr enrolment={enrolment} />
          <CodeForm
            label="Code from the app"
            action="Turn on two-factor"
            busy={confirmState.loading}
            error={errors.fields.code}
            onSubmit={confirmCode}
          />
        </>
      ) : (
        <>
          <p>Off: sign-in asks only for your password.</p>
          <button type="button" className="button button-primary" onClick={() => void start()}>
            Set up two-factor
          </button>
        </>
      )}
      {errors.general ? <ErrorMessage error={errors.general} /> : null}
    </section>
  );
}

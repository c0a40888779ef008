import { useMutation } from '@apollo/client/react';
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useFormErrors } from '../../lib/useFormErrors';
import {
  AccountDocument,
  DeletePasskeyDocument,
  PasskeyRegistrationOptionsDocument,
  RegisterPasskeyDocument,
  RenamePasskeyDocument,
} from './account.operations';

interface PasskeyRow {
  id: string;
  name: string;
  multiDevice: boolean;
  createdAt: string;
  lastUsedAt?: string | null;
}

interface Props {
  twoFactorOn: boolean;
  passkeys: PasskeyRow[];
}

const FIELDS = ['name'] as const;

/**
 * Passkeys and security keys that stand in for the app's code at sign-in: add (the browser's WebAuthn
 * prompt, verified by identity), rename, remove. They need the app on first: its recovery codes cover a
 * lost passkey too.
 */
export function PasskeysSection({ twoFactorOn, passkeys }: Props) {
  const refetch = { refetchQueries: [AccountDocument] };
  const [options] = useMutation(PasskeyRegistrationOptionsDocument);
  const [register] = useMutation(RegisterPasskeyDocument, refetch);
  const [remove, removeState] = useMutation(DeletePasskeyDocument, refetch);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);

  async function add(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setNotice(null);
    setBusy(true);
    try {
      const { data } = await options();
      if (!data) return;
      let response: Awaited<ReturnType<typeof startRegistration>>;
      try {
        response = await startRegistration({ optionsJSON: data.passkeyRegistrationOptions as never });
      } catch {
        setNotice('No passkey was made: the browser prompt was closed, or this key is added already.');
        return;
      }
      await register({
        variables: { input: { name: name.trim(), response: response as unknown as Record<string, unknown> } },
      });
      setName('');
      setNotice('Passkey added: sign-in can use it in place of the app’s code.');
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      {!twoFactorOn ? (
        <p className="muted">Set up two-factor sign-in with an app first; then you can add passkeys too.</p>
      ) : !browserSupportsWebAuthn() ? (
        <p className="muted">This browser cannot use passkeys.</p>
      ) : (
        <form className="form" onSubmit={add}>
          <Field
            label="Name of the new passkey"
            error={errors.fields.name}
            hint="For example “Laptop” or “YubiKey”."
          >
            {(c) => (
              <input
                {...c}
                name="name"
                required
                maxLength={64}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Waiting for the passkey…' : 'Add a passkey'}
          </button>
        </form>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {errors.general ? <ErrorMessage error={errors.general} /> : null}
      {removeState.error && <ErrorMessage error={removeState.error} />}
      {passkeys.length > 0 && (
        <ul className="list" aria-label="Your passkeys">
          {passkeys.map((p) => (
            <PasskeyItem
              key={p.id}
              passkey={p}
              removing={removeState.loading}
              onRemove={() => void remove({ variables: { id: p.id } }).catch(() => undefined)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PasskeyItem({
  passkey,
  removing,
  onRemove,
}: {
  passkey: PasskeyRow;
  removing: boolean;
  onRemove: () => void;
}) {
  const [rename, renameState] = useMutation(RenamePasskeyDocument);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const errors = useFormErrors(FIELDS);

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    try {
      await rename({ variables: { id: passkey.id, name: name.trim() } });
      setEditing(false);
    } catch (error) {
      errors.fail(error);
    }
  }

  if (editing)
    return (
      <li>
        <form className="form form-inline" onSubmit={save}>
          <Field label={`New name for ${passkey.name}`} error={errors.fields.name}>
            {(c) => (
              <input
                {...c}
                name="name"
                required
                maxLength={64}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-small button-primary" disabled={renameState.loading}>
            Save
          </button>
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {errors.general ? <ErrorMessage error={errors.general} /> : null}
        </form>
      </li>
    );
  return (
    <li>
      <strong>{passkey.name}</strong> {passkey.multiDevice && <span className="badge">Synced</span>}{' '}
      <span className="muted">
        added {formatDateTime(passkey.createdAt)},{' '}
        {passkey.lastUsedAt ? `last used ${formatRelative(passkey.lastUsedAt)}` : 'not used yet'}
      </span>
      <button type="button" className="button button-small" onClick={() => setEditing(true)}>
        Rename<span className="sr-only"> {passkey.name}</span>
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={removing}
        onClick={onRemove}
      >
        Remove<span className="sr-only"> {passkey.name}</span>
      </button>
    </li>
  );
}

import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';

interface Props {
  label: string;
  action: string;
  busy: boolean;
  error?: string;
  danger?: boolean;
  onSubmit: (code: string) => Promise<void>;
}

/** One authenticator-code field and its button (confirming enrolment, turning two-factor off). */
export function CodeForm({ label, action, busy, error, danger, onSubmit }: Props) {
  const [code, setCode] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    void onSubmit(code.trim()).then(() => setCode(''));
  }

  return (
    <form className="form" onSubmit={submit}>
      <Field label={label} error={error}>
        {(c) => (
          <input
            {...c}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className={danger ? 'button button-danger' : 'button button-primary'}
        disabled={busy}
      >
        {action}
      </button>
    </form>
  );
}

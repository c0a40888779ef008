import { useState } from 'react';

interface Props {
  /** What the secret is, e.g. "Signing secret of https://example.com/hook". */
  label: string;
  secret: string;
  /** Said after "you will not see it again", e.g. how to use it or what happened to the old one. */
  note?: string;
  /** The copy button's words. @default "Copy secret" */
  copyLabel?: string;
  onDone: () => void;
}

/**
 * A secret the API returns once: shown until dismissed, with a copy button, and a plain warning
 * that it cannot be shown again (the server keeps no way to read it back to a client).
 */
export function SecretOnce({ label, secret, note, copyLabel = 'Copy secret', onDone }: Props) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context and permission; the text stays selectable.
      setCopied('failed');
    }
  }

  return (
    <section className="notice notice-ok secret-once" aria-label={label}>
      <p>
        <strong>{label}.</strong> Copy it now: you will not see it again.{note && ` ${note}`}
      </p>
      <code className="secret">{secret}</code>
      <div className="actions">
        <button type="button" className="button button-small button-primary" onClick={() => void copy()}>
          {copyLabel}
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          I have stored it
        </button>
        <span role="status">
          {copied === 'yes' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'Could not copy; select the text and copy it by hand.'}
        </span>
      </div>
    </section>
  );
}

import { type ReactNode, useId } from 'react';

export interface FieldControl {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface Props {
  label: string;
  /** Shown under the control and tied to it, so a screen reader reads it with the field. */
  error?: string;
  hint?: string;
  children: (control: FieldControl) => ReactNode;
}

/**
 * A labelled form control with its hint and its error: a rule ("must be a finite number") follows the
 * label ("Threshold must be…"); a whole sentence from the server ("That code is not right") stands alone.
 */
export function Field({ label, error, hint, children }: Props) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {/^\p{Lu}/u.test(error) ? error : `${label} ${error}`}
        </span>
      )}
    </div>
  );
}

import { useCallback, useState } from 'react';
import { inputFieldError } from './errors';

export interface FormErrors<K extends string> {
  /** BAD_USER_INPUT messages, beside the field they name. */
  fields: Partial<Record<K, string>>;
  /** Any other failure, shown above the submit button (ErrorMessage). */
  general: unknown;
  fail: (error: unknown) => void;
  reset: () => void;
}

/** A form's errors: a refusal naming one of `names` goes beside that field, anything else in one notice. */
export function useFormErrors<K extends string>(names: readonly K[], prefix?: string): FormErrors<K> {
  const [fields, setFields] = useState<Partial<Record<K, string>>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const fail = useCallback(
    (error: unknown) => {
      const named = inputFieldError(error, names, prefix);
      setFields(named ? ({ [named.field]: named.message } as Partial<Record<K, string>>) : {});
      setGeneral(named ? null : error);
    },
    [names, prefix],
  );
  const reset = useCallback(() => {
    setFields({});
    setGeneral(null);
  }, []);
  return { fields, general, fail, reset };
}

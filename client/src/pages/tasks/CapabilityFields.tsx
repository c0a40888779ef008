import { useQuery } from '@apollo/client/react';
import { FilePickerDocument } from '../files/files.operations';
import type { FieldSpec, FormValues } from './capability-forms';

interface Props {
  fields: readonly FieldSpec[];
  values: FormValues;
  onChange(values: FormValues): void;
}

function FileSelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  describedBy?: string;
}) {
  const { data, loading } = useQuery(FilePickerDocument);
  const files = data?.files.edges.map((e) => e.node) ?? [];
  return (
    <select
      id={id}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
    >
      <option value="">
        {loading ? 'Loading your files…' : files.length ? 'Choose a file' : 'Upload a file first'}
      </option>
      {files.map((f) => (
        <option key={f.id} value={f.id}>
          {f.filename}
        </option>
      ))}
    </select>
  );
}

/** One labelled input per field of a capability's input. */
export function CapabilityFields({ fields, values, onChange }: Props) {
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value });
  return (
    <>
      {fields.map((field) => {
        const id = `field-${field.name}`;
        const hint = 'hint' in field && field.hint ? `${id}-hint` : undefined;
        const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
        if (field.kind === 'checkbox') {
          return (
            <label key={field.name} className="checkbox">
              <input
                type="checkbox"
                checked={values[field.name] === true}
                onChange={(e) => set(field.name, e.target.checked)}
              />
              {field.label}
            </label>
          );
        }
        return (
          <label key={field.name} htmlFor={id}>
            {field.label}
            {field.kind === 'textarea' || field.kind === 'lines' ? (
              <textarea
                id={id}
                rows={4}
                required={field.required}
                value={text}
                aria-describedby={hint}
                onChange={(e) => set(field.name, e.target.value)}
              />
            ) : field.kind === 'number' ? (
              <input
                id={id}
                type="number"
                min={field.min}
                max={field.max}
                required={field.required}
                value={text}
                aria-describedby={hint}
                onChange={(e) => set(field.name, e.target.value)}
              />
            ) : field.kind === 'select' ? (
              <select
                id={id}
                value={text}
                required={field.required}
                onChange={(e) => set(field.name, e.target.value)}
              >
                <option value="">Default</option>
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : field.kind === 'file' ? (
              <FileSelect id={id} value={text} onChange={(v) => set(field.name, v)} describedBy={hint} />
            ) : (
              <input
                id={id}
                required={field.required}
                value={text}
                aria-describedby={hint}
                onChange={(e) => set(field.name, e.target.value)}
              />
            )}
            {hint && (
              <span id={hint} className="hint">
                {'hint' in field ? field.hint : ''}
              </span>
            )}
          </label>
        );
      })}
    </>
  );
}

import { readableError } from '../lib/errors';

interface Props {
  error: unknown;
  /** What failed, e.g. "Could not load channels". */
  title?: string;
  onRetry?: () => void;
}

/** Any error as a readable sentence (never a bare code), with a retry when one makes sense. */
export function ErrorMessage({ error, title, onRetry }: Props) {
  const { message } = readableError(error);
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong>{title}. </strong>}
      {message}
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

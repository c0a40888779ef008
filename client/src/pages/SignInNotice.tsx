import { formatDuration } from '../lib/format';
import { useNow } from '../lib/useNow';

export interface Notice {
  message: string;
  /** Locked or slowed until then (ms since epoch): the wait counts down. */
  retryAt?: number;
}

/** Why the last sign-in step failed, with the time left when the account is locked or slowed. */
export function SignInNotice({ notice }: { notice: Notice }) {
  const now = useNow(notice.retryAt ? 1_000 : null);
  const left = notice.retryAt ? (notice.retryAt - now) / 1000 : 0;
  return (
    <div className="notice notice-error" role="alert">
      <strong>Could not sign in. </strong>
      {notice.message}
      {notice.retryAt && (left > 0 ? ` Try again in ${formatDuration(left)}.` : ' You can try again now.')}
    </div>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime, formatRelative } from '../../lib/format';
import { RevokeSessionDocument, SessionsDocument, SignOutEverywhereDocument } from './account.operations';

/** Where you are signed in (this browser marked), with revoke and "sign out everywhere". */
export function SessionsSection() {
  const { session } = useAuth();
  const { data, error } = useQuery(SessionsDocument);
  const [revoke, revokeState] = useMutation(RevokeSessionDocument, { refetchQueries: [SessionsDocument] });
  const [everywhere, everywhereState] = useMutation(SignOutEverywhereDocument);

  async function signOutEverywhere() {
    await everywhere();
    // This session ended on the server too: forget its tokens here.
    session.clear();
  }

  const sessions = data?.sessions.edges.map((e) => e.node) ?? [];
  const failure = error ?? revokeState.error ?? everywhereState.error;
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {failure && <ErrorMessage error={failure} />}
      <ul className="list" aria-label="Your sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <strong>{s.device}</strong> {s.current && <span className="badge">This browser</span>}{' '}
            <span className="muted">
              {s.ip ?? 'unknown address'}, last used {formatRelative(s.lastUsedAt)}, signed in{' '}
              {formatDateTime(s.createdAt)}
            </span>
            {!s.current && (
              <button
                type="button"
                className="button button-small button-danger"
                disabled={revokeState.loading}
                onClick={() => void revoke({ variables: { id: s.id } }).catch(() => undefined)}
              >
                Revoke<span className="sr-only"> {s.device}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-danger"
        disabled={everywhereState.loading}
        onClick={() => void signOutEverywhere().catch(() => undefined)}
      >
        Sign out everywhere
      </button>
    </section>
  );
}

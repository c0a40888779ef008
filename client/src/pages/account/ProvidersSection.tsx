import { useMutation } from '@apollo/client/react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatRelative } from '../../lib/format';
import { AccountDocument, LinkOidcProviderDocument, UnlinkOidcProviderDocument } from './account.operations';

interface Props {
  providers: readonly { id: string; name: string }[];
  linked: readonly { id: string; provider: string; email?: string | null; lastUsedAt?: string | null }[];
}

/** Providers you may sign in with: linking opens the provider, which comes back to /login/oidc#link=. */
export function ProvidersSection({ providers, linked }: Props) {
  const [link, linkState] = useMutation(LinkOidcProviderDocument);
  const [unlink, unlinkState] = useMutation(UnlinkOidcProviderDocument, {
    refetchQueries: [AccountDocument],
  });

  async function start(provider: string) {
    const { data } = await link({ variables: { provider } });
    if (data) window.location.assign(data.linkOidcProvider);
  }

  return (
    <section aria-labelledby="providers-title">
      <h2 id="providers-title">Sign-in providers</h2>
      {(linkState.error ?? unlinkState.error) && (
        <ErrorMessage error={linkState.error ?? unlinkState.error} />
      )}
      <ul className="list">
        {providers.map((p) => {
          const identity = linked.find((l) => l.provider === p.id);
          return (
            <li key={p.id}>
              <strong>{p.name}</strong>{' '}
              {identity ? (
                <>
                  <span className="muted">
                    linked{identity.email && ` as ${identity.email}`}, used{' '}
                    {formatRelative(identity.lastUsedAt)}
                  </span>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => void unlink({ variables: { provider: p.id } }).catch(() => undefined)}
                  >
                    Unlink<span className="sr-only"> {p.name}</span>
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  disabled={linkState.loading}
                  onClick={() => void start(p.id).catch(() => undefined)}
                >
                  Link<span className="sr-only"> {p.name}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

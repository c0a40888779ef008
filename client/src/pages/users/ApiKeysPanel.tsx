import type { Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretOnce } from '../../components/SecretOnce';
import { getFragmentData, graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { formatDateTime, formatRelative } from '../../lib/format';
import { CreateApiKeyDocument, RevokeApiKeyDocument } from './users.operations';

export const ApiKeysPanel_key = graphql(`
  fragment ApiKeysPanel_key on ApiKey {
    id
    name
    role
    prefix
    expiresAt
    lastUsedAt
    revokedAt
    createdAt
  }
`);

export const ApiKeysPanelQuery = graphql(`
  query ApiKeysPanel {
    apiKeys {
      ...ApiKeysPanel_key
    }
  }
`);

/** Your API keys: the secret of a new key is shown once, here, and never again. */
export function ApiKeysPanel() {
  const { user } = useSession();
  const { data, error } = useQuery(ApiKeysPanelQuery);
  const [create, createState] = useMutation(CreateApiKeyDocument, {
    update(cache, { data: made }) {
      const ref = made && cache.identify(made.createApiKey.apiKey);
      if (!ref) return;
      cache.modify({
        fields: { apiKeys: (existing: readonly Reference[]) => [{ __ref: ref }, ...existing] },
      });
    },
  });
  const [revoke, revokeState] = useMutation(RevokeApiKeyDocument);
  // The answer is only true: the key is marked revoked now (by this clock; the server's differs by little).
  const revokeKey = (id: string) =>
    void revoke({
      variables: { id },
      update(cache, { data: done }) {
        if (!done?.revokeApiKey) return;
        const revokedAt = new Date().toISOString();
        cache.modify({
          id: cache.identify({ __typename: 'ApiKey', id }),
          fields: { revokedAt: () => revokedAt },
        });
      },
    }).catch(() => undefined);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('USER');
  const [secret, setSecret] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { input: { name, role } } }).catch(() => null);
    if (result?.data) {
      setSecret(result.data.createApiKey.secret);
      setName('');
    }
  }

  const keys = getFragmentData(ApiKeysPanel_key, data?.apiKeys ?? []);
  return (
    <section aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">Your API keys</h2>
      {(error ?? createState.error ?? revokeState.error) && (
        <ErrorMessage error={error ?? createState.error ?? revokeState.error} />
      )}
      {secret && <SecretOnce label="Your new API key" secret={secret} onDone={() => setSecret(null)} />}
      {data && keys.length === 0 && (
        <EmptyState title="No API keys">Create one for scripts and services.</EmptyState>
      )}
      <ul className="list">
        {keys.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong> <code>{k.prefix}…</code>{' '}
            <span className="muted">{k.role.toLowerCase()}</span>{' '}
            <span className="muted">
              {k.revokedAt
                ? `revoked ${formatRelative(k.revokedAt)}`
                : `used ${formatRelative(k.lastUsedAt)}`}
              {k.expiresAt && `, expires ${formatDateTime(k.expiresAt)}`}
            </span>
            {!k.revokedAt && (
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => revokeKey(k.id)}
              >
                Revoke<span className="sr-only"> {k.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="form form-inline" onSubmit={submit}>
        <label>
          Key name
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Acts as
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="USER">user</option>
            <option value="AGENT">agent</option>
            {/* A key never acts above its maker (identity refuses it anyway). */}
            {user?.role === 'ADMIN' && <option value="ADMIN">admin</option>}
          </select>
        </label>
        <button type="submit" className="button" disabled={createState.loading}>
          Create key
        </button>
      </form>
    </section>
  );
}

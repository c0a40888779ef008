import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { SecretOnce } from '../../components/SecretOnce';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { ReceivedPayloads } from './ReceivedPayloads';
import { SourceAction } from './SourceAction';
import { RotateWebhookSourceSecretDocument } from './webhooks.operations';

export const WebhookSourcePageQuery = graphql(`
  query WebhookSourcePage($id: ID!) {
    webhookSource(id: $id) {
      id
      name
      signature
      secretCount
      createdAt
      owner {
        id
        username
      }
      ...SourceAction_source
    }
  }
`);

/** One source (ADMIN): where it posts, how it signs, a secret rotation, and what it sent. */
export default function WebhookSourcePage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(WebhookSourcePageQuery, { variables: { id } });
  const [rotate, rotateState] = useMutation(RotateWebhookSourceSecretDocument);
  const [secret, setSecret] = useState<string | null>(null);
  const source = data?.webhookSource;

  async function rotateSecret() {
    if (!window.confirm('Make a new secret? The current one stays valid until the rotation after this.'))
      return;
    const result = await rotate({ variables: { id } }).catch(() => null);
    if (result?.data) setSecret(result.data.rotateWebhookSourceSecret.secret);
  }

  if (loading && !data) return <Loading label="Loading the source" />;
  if (error && !data)
    return <ErrorMessage error={error} title="Could not load the source" onRetry={() => void refetch()} />;
  if (!source) {
    return (
      <section className="page" aria-labelledby="source-missing-title">
        <h1 id="source-missing-title">Source not found</h1>
        <p>
          It does not exist. <Link to="/webhook-sources">Back to sources</Link>
        </p>
      </section>
    );
  }
  const url = `${window.location.origin}/webhooks/${source.id}`;
  return (
    <section className="page" aria-labelledby="source-title">
      <p>
        <Link to="/webhook-sources">← Webhook sources</Link>
      </p>
      <div className="page-head">
        <h1 id="source-title">{source.name}</h1>
        <button
          type="button"
          className="button"
          disabled={rotateState.loading}
          onClick={() => void rotateSecret()}
        >
          {rotateState.loading ? 'Rotating…' : 'Rotate secret'}
        </button>
      </div>
      {rotateState.error && <ErrorMessage error={rotateState.error} title="Could not rotate the secret" />}
      {secret && (
        <SecretOnce
          label={`New secret of ${source.name}`}
          secret={secret}
          note="The previous secret stays valid until the next rotation, so move the sender to this one before rotating again."
          onDone={() => setSecret(null)}
        />
      )}
      <dl className="facts facts-wide">
        <dt>Posts to</dt>
        <dd>
          <code>POST {url}</code>
        </dd>
        <dt>Does</dt>
        <dd>
          <SourceAction source={source} />
        </dd>
        <dt>Signature</dt>
        <dd>
          {source.signature === 'X_SIGNATURE'
            ? 'X-Signature: hex HMAC-SHA256 of the body'
            : 'Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature; 5 min tolerance)'}
        </dd>
        <dt>Secrets accepted</dt>
        <dd>{source.secretCount === 2 ? '2: the newest and the one before it' : '1'}</dd>
        <dt>Owner</dt>
        <dd>{source.owner.username}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(source.createdAt)}</dd>
      </dl>
      <ReceivedPayloads sourceId={source.id} />
    </section>
  );
}

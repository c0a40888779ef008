import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { addToConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretOnce } from '../../components/SecretOnce';
import { CreateWebhookEndpointDocument } from './webhooks.operations';

/** A URL and the events it wants; the signing secret comes back once, shown until dismissed. */
export function CreateEndpointForm({ eventTypes }: { eventTypes: readonly string[] }) {
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>(eventTypes.slice(0, 1));
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [create, { loading, error }] = useMutation(CreateWebhookEndpointDocument, {
    update(cache, { data }) {
      const ref = data && cache.identify(data.createWebhookEndpoint.endpoint);
      if (ref)
        addToConnections(cache, {
          fieldName: 'webhookEndpoints',
          node: { __ref: ref },
          edgeTypename: 'WebhookEndpointEdge',
        });
    },
  });

  function toggle(type: string, on: boolean) {
    setChosen((prev) => (on ? [...prev, type] : prev.filter((t) => t !== type)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { input: { url, eventTypes: chosen } } }).catch(() => null);
    if (result?.data) {
      const { endpoint, secret } = result.data.createWebhookEndpoint;
      setCreated({ url: endpoint.url, secret });
      setUrl('');
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="create-endpoint-title">
      <h2 id="create-endpoint-title">New endpoint</h2>
      {created && (
        <SecretOnce
          label={`Signing secret of ${created.url}`}
          secret={created.secret}
          note="Verify each delivery's webhook-signature header with it (Standard Webhooks)."
          onDone={() => setCreated(null)}
        />
      )}
      <label>
        URL
        <input
          type="url"
          required
          placeholder="https://example.com/hooks/trae"
          aria-describedby="endpoint-url-hint"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <span id="endpoint-url-hint" className="hint">
          http(s). Private network addresses are refused unless the deployment allows them.
        </span>
      </label>
      <fieldset className="fieldset">
        <legend>Events to send</legend>
        {eventTypes.map((type) => (
          <label key={type} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(type)}
              onChange={(e) => toggle(type, e.target.checked)}
            />
            <code>{type}</code>
          </label>
        ))}
      </fieldset>
      {error && <ErrorMessage error={error} title="Could not create the endpoint" />}
      <button type="submit" className="button button-primary" disabled={loading || chosen.length === 0}>
        {loading ? 'Creating…' : 'Create endpoint'}
      </button>
    </form>
  );
}

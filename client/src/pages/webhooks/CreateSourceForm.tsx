import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { addToConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretOnce } from '../../components/SecretOnce';
import type { WebhookAction, WebhookSignature } from '../../gql/graphql';
import { humanize } from '../../lib/format';
import { CreateWebhookSourceDocument, WebhookSourceAgentsDocument } from './webhooks.operations';

const EMPTY = { name: '', action: 'CREATE_TASK' as WebhookAction, agent: '', taskType: '' };

/** A sender that may call in: what its payloads do, and how it signs them. The secret comes back once. */
export function CreateSourceForm() {
  const agents = useQuery(WebhookSourceAgentsDocument);
  const [form, setForm] = useState(EMPTY);
  const [signature, setSignature] = useState<WebhookSignature>('STANDARD_WEBHOOKS');
  const [created, setCreated] = useState<{ name: string; id: string; secret: string } | null>(null);
  const [create, { loading, error }] = useMutation(CreateWebhookSourceDocument, {
    update(cache, { data }) {
      const ref = data && cache.identify(data.createWebhookSource.source);
      if (ref)
        addToConnections(cache, {
          fieldName: 'webhookSources',
          node: { __ref: ref },
          edgeTypename: 'WebhookSourceEdge',
        });
    },
  });
  const active = agents.data?.agents.filter((a) => a.status === 'ACTIVE') ?? [];
  const agent = active.find((a) => a.name === form.agent);

  function chooseAgent(name: string) {
    setForm({ ...form, agent: name, taskType: active.find((a) => a.name === name)?.capabilities[0] ?? '' });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const task = form.action === 'CREATE_TASK';
    const input = {
      name: form.name,
      action: form.action,
      signature,
      agent: task ? form.agent : undefined,
      taskType: task ? form.taskType : undefined,
    };
    const result = await create({ variables: { input } }).catch(() => null);
    if (result?.data) {
      const { source, secret } = result.data.createWebhookSource;
      setCreated({ name: source.name, id: source.id, secret });
      setForm(EMPTY);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="create-source-title">
      <h2 id="create-source-title">New source</h2>
      {created && (
        <SecretOnce
          label={`Secret of ${created.name}`}
          secret={created.secret}
          note={`The sender posts to ${window.location.origin}/webhooks/${created.id}.`}
          onDone={() => setCreated(null)}
        />
      )}
      <label>
        Name
        <input
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </label>
      <div className="form-row">
        <label>
          Action
          <select
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.target.value as WebhookAction })}
          >
            <option value="CREATE_TASK">Create a task from the payload</option>
            <option value="EMIT_EVENT">Emit an event (webhookReceived)</option>
          </select>
        </label>
        <label>
          Signature
          <select value={signature} onChange={(e) => setSignature(e.target.value as WebhookSignature)}>
            <option value="STANDARD_WEBHOOKS">Standard Webhooks</option>
            <option value="X_SIGNATURE">X-Signature (HMAC-SHA256 of the body)</option>
          </select>
        </label>
      </div>
      {form.action === 'CREATE_TASK' && (
        <div className="form-row">
          <label>
            Agent
            <select required value={form.agent} onChange={(e) => chooseAgent(e.target.value)}>
              <option value="">Choose an agent</option>
              {active.map((a) => (
                <option key={a.id} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Task type
            <select
              required
              disabled={!agent}
              value={form.taskType}
              onChange={(e) => setForm({ ...form, taskType: e.target.value })}
            >
              {agent?.capabilities.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {agents.error && <ErrorMessage error={agents.error} title="Could not load agents" />}
      {error && <ErrorMessage error={error} title="Could not create the source" />}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create source'}
      </button>
    </form>
  );
}

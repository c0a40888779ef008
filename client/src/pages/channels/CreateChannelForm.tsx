import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { addToConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ChannelPlatform } from '../../gql/graphql';
import { ChannelFields } from './ChannelFields';
import { CreateChannelDocument } from './channels.operations';

export function CreateChannelForm() {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    name: '',
    platform: 'BLOG' as ChannelPlatform,
    description: '',
    postingSchedule: '',
  });
  const [create, { loading, error }] = useMutation(CreateChannelDocument, {
    // A new channel is active: it heads the lists of active channels; a searched list is fetched again.
    update(cache, { data }) {
      const node = data && cache.identify(data.createChannel);
      if (!node) return;
      addToConnections(cache, {
        fieldName: 'channels',
        node: { __ref: node },
        edgeTypename: 'ChannelEdge',
        belongs: (args) => (args.search ? undefined : !args.status || args.status === 'ACTIVE'),
      });
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await create({
      variables: {
        input: {
          name: form.name,
          platform: form.platform,
          description: form.description || undefined,
          settings: form.postingSchedule ? { postingSchedule: form.postingSchedule } : undefined,
        },
      },
    }).catch(() => ({ data: undefined }));
    if (data) navigate(`/channels/${data.createChannel.id}`);
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="create-channel-title">
      <h2 id="create-channel-title">New channel</h2>
      <ChannelFields form={form} onChange={setForm} />
      <label>
        Posting schedule
        <input
          placeholder="e.g. 0 9 * * 1-5"
          aria-describedby="schedule-hint"
          value={form.postingSchedule}
          onChange={(e) => setForm({ ...form, postingSchedule: e.target.value })}
        />
        <span id="schedule-hint" className="hint">
          Optional. A 5-field cron in UTC (or @daily); each run drafts posts with the content agent.
        </span>
      </label>
      {error && <ErrorMessage error={error} title="Could not create the channel" />}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create channel'}
      </button>
    </form>
  );
}

import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ChannelPlatform } from '../../gql/graphql';
import { humanize } from '../../lib/format';
import { ChannelsDocument, CreateChannelDocument } from './channels.operations';
import { PLATFORMS } from './platforms';

export function CreateChannelForm() {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    name: '',
    platform: 'BLOG' as ChannelPlatform,
    description: '',
    postingSchedule: '',
  });
  const [create, { loading, error }] = useMutation(CreateChannelDocument, {
    refetchQueries: [ChannelsDocument],
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
      <label>
        Name
        <input
          required
          maxLength={100}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </label>
      <label>
        Platform
        <select
          value={form.platform}
          onChange={(e) => setForm({ ...form, platform: e.target.value as ChannelPlatform })}
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {humanize(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Description
        <textarea
          rows={3}
          maxLength={2000}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </label>
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

import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { ChannelFields } from './ChannelFields';
import { UpdateChannelDocument } from './channels.operations';

export const EditChannelForm_channel = graphql(`
  fragment EditChannelForm_channel on Channel {
    id
    name
    platform
    description
    status
    settings {
      tone
      audience
      language
      hashtags
      postingSchedule
    }
  }
`);

/** Owners edit the channel's details, its voice and its posting schedule (the answer merges by id). */
export function EditChannelForm(props: { channel: FragmentType<typeof EditChannelForm_channel> }) {
  const channel = getFragmentData(EditChannelForm_channel, props.channel);
  const [form, setForm] = useState({
    name: channel.name,
    platform: channel.platform,
    description: channel.description ?? '',
    tone: channel.settings.tone ?? '',
    audience: channel.settings.audience ?? '',
    postingSchedule: channel.settings.postingSchedule ?? '',
    paused: channel.status === 'PAUSED',
  });
  const [update, { loading, error, data }] = useMutation(UpdateChannelDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await update({
      variables: {
        id: channel.id,
        input: {
          name: form.name,
          platform: form.platform,
          description: form.description,
          status: channel.status === 'ARCHIVED' ? undefined : form.paused ? 'PAUSED' : 'ACTIVE',
          settings: {
            tone: form.tone || null,
            audience: form.audience || null,
            postingSchedule: form.postingSchedule || null,
          },
        },
      },
    }).catch(() => undefined);
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="edit-channel-title">
      <h2 id="edit-channel-title">Settings</h2>
      <ChannelFields form={form} onChange={setForm} />
      <label>
        Tone
        <input value={form.tone} onChange={(e) => setForm({ ...form, tone: e.target.value })} />
      </label>
      <label>
        Audience
        <input value={form.audience} onChange={(e) => setForm({ ...form, audience: e.target.value })} />
      </label>
      <label>
        Posting schedule (cron, UTC)
        <input
          value={form.postingSchedule}
          onChange={(e) => setForm({ ...form, postingSchedule: e.target.value })}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.paused}
          onChange={(e) => setForm({ ...form, paused: e.target.checked })}
        />
        Paused (no scheduled posts)
      </label>
      {error && <ErrorMessage error={error} title="Could not save" />}
      {data && !error && !loading && (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}

import type { ChannelPlatform } from '../../gql/graphql';
import { humanize } from '../../lib/format';
import { PLATFORMS } from './platforms';

interface ChannelBasics {
  name: string;
  platform: ChannelPlatform;
  description: string;
}

/**
 * What a channel is, whether it is being created or edited: name, platform and description, with the
 * limits the channels service enforces (100 and 2000 characters), so both forms refuse the same input.
 */
export function ChannelFields<T extends ChannelBasics>({
  form,
  onChange,
}: {
  form: T;
  onChange: (form: T) => void;
}) {
  return (
    <>
      <label>
        Name
        <input
          required
          maxLength={100}
          value={form.name}
          onChange={(e) => onChange({ ...form, name: e.target.value })}
        />
      </label>
      <label>
        Platform
        <select
          value={form.platform}
          onChange={(e) => onChange({ ...form, platform: e.target.value as ChannelPlatform })}
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
          onChange={(e) => onChange({ ...form, description: e.target.value })}
        />
      </label>
    </>
  );
}

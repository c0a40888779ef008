import { useApolloClient, useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { removeFromConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { ChannelRole } from '../../gql/graphql';
import {
  AddChannelMemberDocument,
  RemoveChannelMemberDocument,
  UserByUsernameDocument,
} from './channels.operations';

export const MembersPanel_channel = graphql(`
  fragment MembersPanel_channel on Channel {
    id
    members(first: 100) {
      totalCount
      edges {
        node {
          id
          role
          user {
            id
            username
          }
        }
      }
    }
  }
`);

export function MembersPanel(props: {
  channel: FragmentType<typeof MembersPanel_channel>;
  canManage: boolean;
}) {
  const { canManage } = props;
  const channel = getFragmentData(MembersPanel_channel, props.channel);
  const channelId = channel.id;
  const members = channel.members.edges.map((e) => e.node);
  const client = useApolloClient();
  const [username, setUsername] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const [role, setRole] = useState<ChannelRole>('EDITOR');
  // Adding answers with the channel's members (merged by id); removing answers true, so the cache drops the member.
  const [add, addState] = useMutation(AddChannelMemberDocument);
  const [remove, removeState] = useMutation(RemoveChannelMemberDocument);

  function removeMember(memberId: string, userId: string) {
    void remove({
      variables: { channelId, userId },
      update(cache, { data }) {
        if (!data?.removeChannelMember) return;
        removeFromConnections(cache, {
          id: cache.identify({ __typename: 'Channel', id: channelId }),
          fieldName: 'members',
          nodeId: cache.identify({ __typename: 'ChannelMember', id: memberId }) ?? '',
        });
      },
    }).catch(() => undefined);
  }

  /** People are added by the username they go by; the id is looked up (exact name, active accounts only). */
  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotFound(null);
    const name = username.trim();
    const found = await client
      .query({ query: UserByUsernameDocument, variables: { username: name }, fetchPolicy: 'network-only' })
      .catch(() => null);
    const user = found?.data?.userByUsername;
    if (!user) {
      setNotFound(found ? `No active user is called “${name}”.` : 'Could not look the user up; try again.');
      return;
    }
    const result = await add({ variables: { channelId, userId: user.id, role } }).catch(() => null);
    if (result?.data) setUsername('');
  }

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members ({members.length})</h2>
      <ul className="list">
        {members.map((m) => (
          <li key={m.id}>
            {m.user.username} <span className="muted">{m.role.toLowerCase()}</span>
            {canManage && m.role !== 'OWNER' && (
              <button
                type="button"
                className="button button-small"
                onClick={() => removeMember(m.id, m.user.id)}
              >
                Remove<span className="sr-only"> {m.user.username}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {(addState.error ?? removeState.error) && <ErrorMessage error={addState.error ?? removeState.error} />}
      {notFound && (
        <p className="notice notice-error" role="alert">
          {notFound}
        </p>
      )}
      {canManage && (
        <form className="form form-inline" onSubmit={submit}>
          <label>
            Username
            <input
              required
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as ChannelRole)}>
              <option value="VIEWER">viewer</option>
              <option value="EDITOR">editor</option>
              <option value="OWNER">owner</option>
            </select>
          </label>
          <button type="submit" className="button" disabled={addState.loading}>
            Add member
          </button>
        </form>
      )}
    </section>
  );
}

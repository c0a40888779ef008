import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { humanize } from '../../lib/format';
import { ContentLibrary } from './ContentLibrary';
import { ArchiveChannelDocument, RestoreChannelDocument } from './channels.operations';
import { EditChannelForm } from './EditChannelForm';
import { MembersPanel } from './MembersPanel';

/** The page's own fields, and each panel's fragment (the panels read only what they ask for). */
export const ChannelPageQuery = graphql(`
  query ChannelPage($id: ID!) {
    channel(id: $id) {
      id
      name
      slug
      platform
      description
      status
      viewerRole
      owner {
        id
        username
      }
      ...EditChannelForm_channel
      ...MembersPanel_channel
      ...ContentLibrary_channel
    }
  }
`);

export default function ChannelPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(ChannelPageQuery, { variables: { id } });
  const [archive, archiveState] = useMutation(ArchiveChannelDocument);
  const [restore, restoreState] = useMutation(RestoreChannelDocument);
  const channel = data?.channel;

  if (loading && !data) return <Loading label="Loading the channel" />;
  if (error && !data)
    return <ErrorMessage error={error} title="Could not load the channel" onRetry={() => void refetch()} />;
  if (!channel) {
    return (
      <section className="page">
        <h1>Channel not found</h1>
        <p>
          It does not exist or you are not a member. <Link to="/channels">Back to channels</Link>
        </p>
      </section>
    );
  }
  const isOwner = channel.viewerRole === 'OWNER';
  const canEdit = isOwner || channel.viewerRole === 'EDITOR';

  return (
    <section className="page" aria-labelledby="channel-title">
      <p>
        <Link to="/channels">← Channels</Link>
      </p>
      <div className="page-head">
        <h1 id="channel-title">
          {channel.name} <StatusBadge status={channel.status} />
        </h1>
        {isOwner && (
          <div className="actions">
            {channel.status === 'ARCHIVED' ? (
              <button
                type="button"
                className="button"
                disabled={restoreState.loading}
                onClick={() => void restore({ variables: { id } }).catch(() => undefined)}
              >
                Restore
              </button>
            ) : (
              <button
                type="button"
                className="button button-danger"
                disabled={archiveState.loading}
                onClick={() => void archive({ variables: { id } }).catch(() => undefined)}
              >
                Archive
              </button>
            )}
          </div>
        )}
      </div>
      {(archiveState.error ?? restoreState.error) && (
        <ErrorMessage error={archiveState.error ?? restoreState.error} />
      )}
      <p className="muted">
        {humanize(channel.platform)} · /{channel.slug} · owner {channel.owner.username}
        {channel.viewerRole && ` · you are ${channel.viewerRole.toLowerCase()}`}
      </p>
      <div className="columns">
        {isOwner ? <EditChannelForm channel={channel} /> : <p>{channel.description ?? 'No description.'}</p>}
        <MembersPanel channel={channel} canManage={isOwner} />
      </div>
      <ContentLibrary channel={channel} canEdit={canEdit} />
    </section>
  );
}

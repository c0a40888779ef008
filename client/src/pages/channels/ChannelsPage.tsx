import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { graphql } from '../../gql';
import { ChannelCard } from './ChannelCard';
import { CreateChannelForm } from './CreateChannelForm';

export const ChannelsPageQuery = graphql(`
  query ChannelsPage($first: Int, $after: String, $search: String, $status: ChannelStatus) {
    channels(first: $first, after: $after, search: $search, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...ChannelCard_channel
        }
      }
    }
  }
`);

export default function ChannelsPage() {
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const { data, loading, error, refetch } = useQuery(ChannelsPageQuery, {
    variables: { first: 50, search: search || undefined, status: archived ? 'ARCHIVED' : undefined },
  });
  const channels = data?.channels.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" aria-labelledby="channels-title">
      <h1 id="channels-title">Channels</h1>
      <div className="columns columns-wide-left">
        <section aria-labelledby="channel-list-title">
          <div className="page-head">
            <h2 id="channel-list-title">
              Your channels {data && <span className="muted">({data.channels.totalCount})</span>}
            </h2>
            <label className="inline-field">
              Search
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <label className="inline-field checkbox">
              <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
              Archived only
            </label>
          </div>
          {error && (
            <ErrorMessage error={error} title="Could not load channels" onRetry={() => void refetch()} />
          )}
          {loading && !data && <Loading label="Loading channels" />}
          {data && channels.length === 0 && (
            <EmptyState title={search ? 'No channel matches' : 'No channels yet'}>
              Create one with the form; you become its owner.
            </EmptyState>
          )}
          <ul className="cards">
            {channels.map((c) => (
              <ChannelCard key={c.id} channel={c} />
            ))}
          </ul>
        </section>
        <div>
          <CreateChannelForm />
          {user && (
            <p className="hint">
              Your user ID is <code>{user.id}</code>: channel owners add you as a member with it.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

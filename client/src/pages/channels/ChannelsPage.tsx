import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, humanize } from '../../lib/format';
import { CreateChannelForm } from './CreateChannelForm';
import { ChannelsDocument } from './channels.operations';

export default function ChannelsPage() {
  const { user } = useSession();
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const { data, loading, error, refetch } = useQuery(ChannelsDocument, {
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
              <li key={c.id} className="card">
                <div className="card-head">
                  <Link to={`/channels/${c.id}`}>
                    <strong>{c.name}</strong>
                  </Link>
                  <StatusBadge status={c.status} />
                </div>
                <p className="muted">
                  {humanize(c.platform)} · owner {c.owner.username}
                  {c.viewerRole && ` · you are ${c.viewerRole.toLowerCase()}`}
                </p>
                {c.description && <p>{c.description}</p>}
                {c.nextPostAt && <p className="muted">Next post {formatDateTime(c.nextPostAt)}</p>}
              </li>
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

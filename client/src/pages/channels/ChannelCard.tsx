import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatDateTime, humanize } from '../../lib/format';

export const ChannelCard_channel = graphql(`
  fragment ChannelCard_channel on Channel {
    id
    name
    platform
    description
    status
    viewerRole
    nextPostAt
    owner {
      id
      username
    }
  }
`);

export function ChannelCard(props: { channel: FragmentType<typeof ChannelCard_channel> }) {
  const c = getFragmentData(ChannelCard_channel, props.channel);
  return (
    <li className="card">
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
  );
}

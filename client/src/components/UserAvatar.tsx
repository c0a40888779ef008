import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { onThisOrigin } from '../lib/format';

export const UserAvatarDocument = graphql(`
  query UserAvatar {
    me {
      id
      avatarUrl
    }
  }
`);

/** The signed-in user's avatar for the top bar; the Account page's changes reach it through the cache. */
export function UserAvatar() {
  const { data } = useQuery(UserAvatarDocument);
  if (!data?.me) return null;
  // Decorative next to the username it sits beside.
  return <img className="avatar" src={onThisOrigin(data.me.avatarUrl)} alt="" />;
}

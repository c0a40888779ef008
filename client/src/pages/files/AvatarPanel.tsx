import { useMutation } from '@apollo/client/react';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { onThisOrigin } from '../../lib/format';
import { RemoveAvatarDocument } from './files.operations';

export const AvatarPanel_user = graphql(`
  fragment AvatarPanel_user on User {
    id
    avatarUrl
  }
`);

/** The caller's avatar; setting or removing it answers with `User { id avatarUrl }`, merged by id. */
export function AvatarPanel(props: { user: FragmentType<typeof AvatarPanel_user> | null | undefined }) {
  const user = getFragmentData(AvatarPanel_user, props.user);
  const [removeAvatar] = useMutation(RemoveAvatarDocument);
  return (
    <section aria-labelledby="avatar-title">
      <h2 id="avatar-title">Avatar</h2>
      {user && (
        <img className="avatar" src={onThisOrigin(user.avatarUrl)} alt="Your avatar" width={96} height={96} />
      )}
      <p className="hint">Choose “Use as avatar” on one of your images below.</p>
      <button type="button" className="button" onClick={() => void removeAvatar().catch(() => undefined)}>
        Back to the generated picture
      </button>
    </section>
  );
}

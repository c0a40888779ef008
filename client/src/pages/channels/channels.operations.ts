import { graphql } from '../../gql';

export const CreateChannelDocument = graphql(`
  mutation CreateChannel($input: CreateChannelInput!) {
    createChannel(input: $input) {
      id
      ...ChannelCard_channel
    }
  }
`);

/** Answers with what the form and the channel's card show (a new schedule moves `nextPostAt`), merged by id. */
export const UpdateChannelDocument = graphql(`
  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {
    updateChannel(id: $id, input: $input) {
      ...EditChannelForm_channel
      ...ChannelCard_channel
    }
  }
`);

export const ArchiveChannelDocument = graphql(`
  mutation ArchiveChannel($id: ID!) {
    archiveChannel(id: $id) {
      id
      status
    }
  }
`);

export const RestoreChannelDocument = graphql(`
  mutation RestoreChannel($id: ID!) {
    restoreChannel(id: $id) {
      id
      status
    }
  }
`);

/** Answers with the channel's members, so the cache (and the panel) has the new one without a refetch. */
export const AddChannelMemberDocument = graphql(`
  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {
    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {
      id
      channel {
        id
        ...MembersPanel_channel
      }
    }
  }
`);

export const UserByUsernameDocument = graphql(`
  query UserByUsername($username: String!) {
    userByUsername(username: $username) {
      id
      username
    }
  }
`);

export const RemoveChannelMemberDocument = graphql(`
  mutation RemoveChannelMember($channelId: ID!, $userId: ID!) {
    removeChannelMember(channelId: $channelId, userId: $userId)
  }
`);

/** Answers with the channel's library, so the new draft is in the cache without a refetch. */
export const CreateContentItemDocument = graphql(`
  mutation CreateContentItem($input: CreateContentItemInput!) {
    createContentItem(input: $input) {
      id
      channel {
        id
        ...ContentLibrary_channel
      }
    }
  }
`);

export const ApproveContentItemDocument = graphql(`
  mutation ApproveContentItem($id: ID!) {
    approveContentItem(id: $id) {
      id
      status
    }
  }
`);

export const PublishContentItemDocument = graphql(`
  mutation PublishContentItem($id: ID!) {
    publishContentItem(id: $id) {
      id
      status
    }
  }
`);

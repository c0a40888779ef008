import { graphql } from '../../gql';

export const ChannelRowFragment = graphql(`
  fragment ChannelRow on Channel {
    id
    name
    slug
    platform
    description
    status
    viewerRole
    nextPostAt
    createdAt
    settings {
      tone
      audience
      language
      hashtags
      postingSchedule
    }
  }
`);

export const ChannelsDocument = graphql(`
  query Channels($first: Int, $after: String, $search: String, $status: ChannelStatus) {
    channels(first: $first, after: $after, search: $search, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ChannelRow
          owner {
            id
            username
          }
        }
      }
    }
  }
`);

export const ChannelDocument = graphql(`
  query Channel($id: ID!) {
    channel(id: $id) {
      ...ChannelRow
      owner {
        id
        username
      }
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
      contentItems(first: 50) {
        totalCount
        edges {
          node {
            id
            title
            body
            kind
            status
            createdAt
            sourceTask {
              id
            }
          }
        }
      }
    }
  }
`);

export const CreateChannelDocument = graphql(`
  mutation CreateChannel($input: CreateChannelInput!) {
    createChannel(input: $input) {
      ...ChannelRow
    }
  }
`);

export const UpdateChannelDocument = graphql(`
  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {
    updateChannel(id: $id, input: $input) {
      ...ChannelRow
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

export const AddChannelMemberDocument = graphql(`
  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {
    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {
      id
      role
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

export const CreateContentItemDocument = graphql(`
  mutation CreateContentItem($input: CreateContentItemInput!) {
    createContentItem(input: $input) {
      id
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

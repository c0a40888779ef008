import { graphql } from '../../gql';

export const FileRowFragment = graphql(`
  fragment FileRow on File {
    id
    filename
    contentType
    size
    status
    createdAt
    downloadUrl
    channel {
      id
      name
    }
  }
`);

export const FilesDocument = graphql(`
  query Files($first: Int, $after: String, $search: String) {
    files(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FileRow
        }
      }
    }
    storageUsage {
      usedBytes
      quotaBytes
      maxFileBytes
      fileCount
      allowedTypes
    }
    me {
      id
      avatarUrl
    }
  }
`);

export const FilePickerDocument = graphql(`
  query FilePicker {
    files(first: 100) {
      edges {
        node {
          id
          filename
        }
      }
    }
  }
`);

export const CreateUploadDocument = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      uploadUrl
      expiresAt
      file {
        id
      }
    }
  }
`);

export const DeleteFileDocument = graphql(`
  mutation DeleteFile($id: ID!) {
    deleteFile(id: $id)
  }
`);

export const SetAvatarDocument = graphql(`
  mutation SetAvatar($fileId: ID!) {
    setAvatar(fileId: $fileId) {
      id
      avatarUrl
    }
  }
`);

export const RemoveAvatarDocument = graphql(`
  mutation RemoveAvatar {
    removeAvatar {
      id
      avatarUrl
    }
  }
`);

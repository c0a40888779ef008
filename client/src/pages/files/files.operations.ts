import { graphql } from '../../gql';

/** A finished upload's file, read once to put it in the lists (its bytes arrived outside GraphQL). */
export const UploadedFileDocument = graphql(`
  query UploaderPanelFile($id: ID!) {
    file(id: $id) {
      id
      size
      ...FileCard_file
    }
  }
`);

export const FilePickerDocument = graphql(`
  query CapabilityFieldsFiles {
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

import { graphql } from '../../gql';

export const BackupTaskDocument = graphql(`
  query BackupTask($id: ID!) {
    task(id: $id) {
      id
      type
      status
      progress
      progressMessage
      error
    }
  }
`);

export const CreateBackupDocument = graphql(`
  mutation CreateBackup {
    createBackup(input: { verify: true }) {
      id
    }
  }
`);

export const VerifyBackupDocument = graphql(`
  mutation VerifyBackup($id: ID!) {
    verifyBackup(id: $id) {
      id
    }
  }
`);

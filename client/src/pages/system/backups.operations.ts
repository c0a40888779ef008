import { graphql } from '../../gql';

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

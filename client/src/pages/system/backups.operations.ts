import { graphql } from '../../gql';

export const BackupRowFragment = graphql(`
  fragment BackupRow on Backup {
    id
    kind
    status
    size
    startedAt
    duration
    encrypted
    verified
    verifiedAt
    problems
  }
`);

export const BackupsDocument = graphql(`
  query Backups {
    backups {
      ...BackupRow
    }
    backupOverview {
      schedule
      nextRunAt
      retentionDays
      encryption
      lastGood {
        id
        startedAt
      }
    }
  }
`);

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

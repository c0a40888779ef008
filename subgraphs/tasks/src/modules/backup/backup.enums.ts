import { registerEnumType } from 'type-graphql';

export enum BackupKind {
  /** Database (one pg_dump snapshot of every subgraph schema), files, settings and the supergraph. */
  FULL = 'FULL',
}

export enum BackupStatus {
  COMPLETE = 'COMPLETE',
  INCOMPLETE = 'INCOMPLETE',
}

registerEnumType(BackupKind, {
  name: 'BackupKind',
  description: 'FULL: database, files, settings and supergraph, restorable on its own.',
});
registerEnumType(BackupStatus, {
  name: 'BackupStatus',
  description: 'COMPLETE once its manifest is written; INCOMPLETE while it runs, or when it never finished.',
});

import { registerEnumType } from 'type-graphql';

export const FileStatus = { PENDING: 'PENDING', UPLOADING: 'UPLOADING', READY: 'READY' } as const;
export type FileStatus = (typeof FileStatus)[keyof typeof FileStatus];

registerEnumType(FileStatus, {
  name: 'FileStatus',
  description: 'PENDING: ticket issued, no bytes yet. UPLOADING: bytes arriving. READY: stored and readable.',
});

import type { ApolloCache, Reference } from '@apollo/client';
import type { Modifier } from '@apollo/client/cache';
import { addToConnections, removeFromConnections } from '../../apollo/cache-updates';

interface StorageUsage {
  usedBytes: number;
  fileCount: number;
}

/** The root `storageUsage` after a file of `size` bytes came (`sign` 1) or went (-1). */
function countUsage(cache: ApolloCache, size: number, sign: 1 | -1) {
  cache.modify({
    fields: {
      storageUsage: ((existing: StorageUsage) => ({
        ...existing,
        usedBytes: Math.max(0, existing.usedBytes + sign * size),
        fileCount: Math.max(0, existing.fileCount + sign),
      })) as Modifier<unknown>,
    },
  });
}

/** A new file heads the unsearched lists (a searched one is the server's to match) and counts in the usage. */
export function addFile(cache: ApolloCache, file: Reference, size: number) {
  addToConnections(cache, {
    fieldName: 'files',
    node: file,
    edgeTypename: 'FileEdge',
    belongs: (args) => (args.search ? undefined : !args.channelId),
  });
  countUsage(cache, size, 1);
}

export function removeFile(cache: ApolloCache, fileId: string, size: number) {
  removeFromConnections(cache, {
    fieldName: 'files',
    nodeId: cache.identify({ __typename: 'File', id: fileId }) ?? '',
  });
  countUsage(cache, size, -1);
}

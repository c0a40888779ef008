import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { graphql } from '../../gql';
import { formatBytes } from '../../lib/format';
import { AvatarPanel } from './AvatarPanel';
import { FileCard } from './FileCard';
import { UploaderPanel } from './UploaderPanel';

export const FilesPageQuery = graphql(`
  query FilesPage($first: Int, $after: String, $search: String) {
    files(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...FileCard_file
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
      ...AvatarPanel_user
    }
  }
`);

export default function FilesPage() {
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch, fetchMore } = useQuery(FilesPageQuery, {
    variables: { first: 50, search: search || undefined },
  });
  const files = data?.files.edges.map((e) => e.node) ?? [];
  const usage = data?.storageUsage;

  return (
    <section className="page" aria-labelledby="files-title">
      <div className="page-head">
        <h1 id="files-title">Files</h1>
        {usage && (
          <p className="muted">
            {formatBytes(usage.usedBytes)} of {formatBytes(usage.quotaBytes)} used, {usage.fileCount} files
          </p>
        )}
      </div>
      <div className="columns">
        <UploaderPanel maxFileBytes={usage?.maxFileBytes ?? null} />
        <AvatarPanel user={data?.me} />
      </div>
      <section aria-labelledby="file-list-title">
        <div className="page-head">
          <h2 id="file-list-title">Your files</h2>
          <label className="inline-field">
            Name contains
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
        </div>
        {error && !data && (
          <ErrorMessage error={error} title="Could not load files" onRetry={() => void refetch()} />
        )}
        {loading && !data && <Loading label="Loading files" />}
        {data && files.length === 0 && (
          <EmptyState title={search ? 'No file matches' : 'No files yet'}>
            Upload one with the panel above.
          </EmptyState>
        )}
        <ul className="file-grid">
          {files.map((f) => (
            <FileCard key={f.id} file={f} />
          ))}
        </ul>
        {data?.files.pageInfo.hasNextPage && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void fetchMore({
                variables: { after: data.files.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  ...fetchMoreResult,
                  files: {
                    ...fetchMoreResult.files,
                    edges: [...prev.files.edges, ...fetchMoreResult.files.edges],
                  },
                }),
              })
            }
          >
            Show more
          </button>
        )}
      </section>
    </section>
  );
}

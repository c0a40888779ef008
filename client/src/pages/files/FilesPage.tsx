import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatBytes, formatRelative, onThisOrigin } from '../../lib/format';
import {
  DeleteFileDocument,
  FilesDocument,
  RemoveAvatarDocument,
  SetAvatarDocument,
} from './files.operations';
import { UploaderPanel } from './UploaderPanel';

const isImage = (contentType: string) => /^image\/(png|jpeg|gif|webp)$/.test(contentType);

export default function FilesPage() {
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch, fetchMore } = useQuery(FilesDocument, {
    variables: { first: 50, search: search || undefined },
  });
  const [deleteFile, deleteState] = useMutation(DeleteFileDocument, { refetchQueries: [FilesDocument] });
  const [setAvatar, avatarState] = useMutation(SetAvatarDocument);
  const [removeAvatar] = useMutation(RemoveAvatarDocument);
  const files = data?.files.edges.map((e) => e.node) ?? [];
  const usage = data?.storageUsage;
  const actionError = deleteState.error ?? avatarState.error;

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
        <section aria-labelledby="avatar-title">
          <h2 id="avatar-title">Avatar</h2>
          {data?.me && (
            <img
              className="avatar"
              src={onThisOrigin(data.me.avatarUrl)}
              alt="Your avatar"
              width={96}
              height={96}
            />
          )}
          <p className="hint">Choose “Use as avatar” on one of your images below.</p>
          <button type="button" className="button" onClick={() => void removeAvatar().catch(() => undefined)}>
            Back to the generated picture
          </button>
        </section>
      </div>
      <section aria-labelledby="file-list-title">
        <div className="page-head">
          <h2 id="file-list-title">Your files</h2>
          <label className="inline-field">
            Name contains
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
        </div>
        {actionError && <ErrorMessage error={actionError} />}
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
            <li key={f.id} className="card">
              {isImage(f.contentType) && f.downloadUrl ? (
                <img
                  className="preview"
                  src={onThisOrigin(f.downloadUrl)}
                  alt={`Preview of ${f.filename}`}
                  loading="lazy"
                />
              ) : (
                <div className="preview preview-none" aria-hidden="true">
                  {f.contentType.split('/')[1] ?? 'file'}
                </div>
              )}
              <p className="file-name">{f.filename}</p>
              <p className="muted">
                {formatBytes(f.size)} · {formatRelative(f.createdAt)}
                {f.channel && ` · ${f.channel.name}`}
              </p>
              <div className="actions">
                {f.downloadUrl && (
                  <a className="button button-small" href={onThisOrigin(f.downloadUrl)} download={f.filename}>
                    Download<span className="sr-only"> {f.filename}</span>
                  </a>
                )}
                {isImage(f.contentType) && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void setAvatar({ variables: { fileId: f.id } }).catch(() => undefined)}
                  >
                    Use as avatar
                  </button>
                )}
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => {
                    if (window.confirm(`Delete ${f.filename}? This cannot be undone.`))
                      void deleteFile({ variables: { id: f.id } }).catch(() => undefined);
                  }}
                >
                  Delete<span className="sr-only"> {f.filename}</span>
                </button>
              </div>
            </li>
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

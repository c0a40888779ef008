import { useMutation } from '@apollo/client/react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatBytes, formatRelative, onThisOrigin } from '../../lib/format';
import { removeFile } from './file-cache';
import { DeleteFileDocument, SetAvatarDocument } from './files.operations';

export const FileCard_file = graphql(`
  fragment FileCard_file on File {
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

const isImage = (contentType: string) => /^image\/(png|jpeg|gif|webp)$/.test(contentType);

/** One file: a preview for images, download, use as avatar, delete (which leaves the cached lists at once). */
export function FileCard(props: { file: FragmentType<typeof FileCard_file> }) {
  const f = getFragmentData(FileCard_file, props.file);
  const [setAvatar, avatarState] = useMutation(SetAvatarDocument);
  const [deleteFile, deleteState] = useMutation(DeleteFileDocument, {
    update(cache, { data }) {
      if (data?.deleteFile) removeFile(cache, f.id, f.size);
    },
  });
  const error = deleteState.error ?? avatarState.error;
  return (
    <li className="card">
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
      {error && <ErrorMessage error={error} />}
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
  );
}

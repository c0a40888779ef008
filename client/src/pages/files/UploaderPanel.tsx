import { useApolloClient, useMutation } from '@apollo/client/react';
import { type DragEvent, useId, useRef, useState } from 'react';
import { ProgressBar } from '../../components/ProgressBar';
import { readableError } from '../../lib/errors';
import { formatBytes, onThisOrigin } from '../../lib/format';
import { addFile } from './file-cache';
import { CreateUploadDocument, UploadedFileDocument } from './files.operations';
import { contentTypeOf, putFile } from './upload';

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

/** Drop files (or pick them); each one gets a ticket, then its bytes go up with its own progress bar. */
export function UploaderPanel({ maxFileBytes }: { maxFileBytes: number | null }) {
  const client = useApolloClient();
  const [createUpload] = useMutation(CreateUploadDocument);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const update = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function upload(file: File) {
    const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
    setUploads((list) => [
      { key, name: file.name, size: file.size, progress: 0, state: 'uploading' },
      ...list,
    ]);
    try {
      if (maxFileBytes != null && file.size > maxFileBytes) {
        throw new Error(`Larger than the ${formatBytes(maxFileBytes)} limit.`);
      }
      const contentType = contentTypeOf(file);
      const { data } = await createUpload({
        variables: { input: { filename: file.name, contentType, size: file.size } },
      });
      if (!data) throw new Error('The server did not issue an upload ticket.');
      await putFile(onThisOrigin(data.createUpload.uploadUrl), file, contentType, (progress) =>
        update(key, { progress }),
      );
      update(key, { state: 'done', progress: 100 });
      // The bytes went by HTTP, not GraphQL: read the one file now ready and add it, instead of every list again.
      const ready = await client.query({
        query: UploadedFileDocument,
        variables: { id: data.createUpload.file.id },
        fetchPolicy: 'network-only',
      });
      const uploaded = ready.data?.file;
      const ref = uploaded && client.cache.identify(uploaded);
      if (uploaded && ref) addFile(client.cache, { __ref: ref }, uploaded.size);
    } catch (error) {
      update(key, { state: 'failed', error: readableError(error).message });
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    for (const file of event.dataTransfer.files) void upload(file);
  }

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the button is the keyboard path. */}
      <div
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drag files here, or</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => input.current?.click()}
          aria-describedby={hintId}
        >
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Files to upload"
          onChange={(e) => {
            for (const file of e.target.files ?? []) void upload(file);
            e.target.value = '';
          }}
        />
        <p id={hintId} className="hint">
          {maxFileBytes != null ? `Up to ${formatBytes(maxFileBytes)} per file.` : ''} Images, PDFs, text,
          CSV, JSON, audio, video and archives.
        </p>
      </div>
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key}>
              <span className="upload-name">
                {u.name} <span className="muted">({formatBytes(u.size)})</span>
              </span>
              {u.state === 'failed' ? (
                <span className="notice notice-error" role="alert">
                  {u.error}
                </span>
              ) : (
                <ProgressBar value={u.progress} label={`Upload of ${u.name}`} />
              )}
              {u.state === 'done' && <span className="badge badge-ok">uploaded</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

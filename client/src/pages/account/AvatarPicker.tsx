import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, onThisOrigin } from '../../lib/format';
import { putFile } from '../files/upload';
import { CreateAvatarUploadDocument, RemoveAvatarDocument, SetAvatarDocument } from './account.operations';

/** The files service's rule (raster images only, an SVG can carry script), checked here to answer at once. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** Why a picked file cannot be an avatar, or null when it may. */
export function avatarProblem(file: { type: string; size: number }): string | null {
  if (!AVATAR_TYPES.includes(file.type)) return 'Pick a PNG, JPEG, GIF or WebP image.';
  if (file.size > AVATAR_MAX_BYTES) return `Pick an image of at most ${formatBytes(AVATAR_MAX_BYTES)}.`;
  return null;
}

/**
 * Uploads the picked image like any file (the server sniffs its bytes), then makes it the avatar. The
 * mutations answer `User { id avatarUrl }`, so the nav's avatar follows from the cache.
 */
export function AvatarPicker({ avatarUrl, name }: { avatarUrl: string; name: string }) {
  const [createUpload] = useMutation(CreateAvatarUploadDocument);
  const [setAvatar] = useMutation(SetAvatarDocument);
  const [removeAvatar, removing] = useMutation(RemoveAvatarDocument);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  async function pick(file: File) {
    setProblem(null);
    setSaved(null);
    const refused = avatarProblem(file);
    if (refused) return setProblem(new Error(refused));
    setProgress(0);
    try {
      const { data } = await createUpload({
        variables: { input: { filename: file.name, contentType: file.type, size: file.size } },
      });
      if (!data) throw new Error('The server did not issue an upload ticket.');
      await putFile(onThisOrigin(data.createUpload.uploadUrl), file, file.type, setProgress);
      await setAvatar({ variables: { fileId: data.createUpload.file.id } });
      setSaved('Avatar updated.');
    } catch (error) {
      setProblem(error);
    } finally {
      setProgress(null);
    }
  }

  async function remove() {
    setProblem(null);
    try {
      await removeAvatar();
      setSaved('Avatar removed.');
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <div className="avatar-picker">
      <img className="avatar avatar-large" src={onThisOrigin(avatarUrl)} alt={`Avatar of ${name}`} />
      <div>
        <button
          type="button"
          className="button button-small"
          disabled={progress !== null}
          aria-describedby={hintId}
          onClick={() => input.current?.click()}
        >
          Upload a picture
        </button>{' '}
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={removing.loading || progress !== null}
          onClick={() => void remove()}
        >
          Use the generated one
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={AVATAR_TYPES.join(',')}
          aria-label="Avatar image"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void pick(file);
            e.target.value = '';
          }}
        />
        <p id={hintId} className="hint">
          PNG, JPEG, GIF or WebP, up to {formatBytes(AVATAR_MAX_BYTES)}. Anyone can see your avatar.
        </p>
        {progress !== null && <ProgressBar value={progress} label="Avatar upload" />}
        {problem ? <ErrorMessage error={problem} title="Avatar not changed" /> : null}
        <p role="status">{saved}</p>
      </div>
    </div>
  );
}

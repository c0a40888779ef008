import { type BaseContext, byIdLoader, byKeyLoader, type ChannelsClient } from '@trae/kit';
import type DataLoader from 'dataloader';
import { FileAccess } from './modules/access/file-access.js';
import type { AvatarService } from './modules/avatar/avatar.service.js';
import type { File } from './modules/file/file.entity.js';
import type { FileService } from './modules/file/file.service.js';
import type { UrlSigner } from './modules/signing/url-signer.js';
import type { UploadService } from './modules/upload/upload.service.js';

export interface FilesServices {
  files: FileService;
  uploads: UploadService;
  avatars: AvatarService;
  signer: UrlSigner;
  channels: ChannelsClient;
  downloadTtlSeconds: number;
}

export interface FilesContext extends BaseContext {
  services: FilesServices;
  /** The caller's rights, with channel memberships remembered for this request. */
  access: FileAccess;
  loaders: {
    file: DataLoader<string, File | null>;
    /** userId -> avatar file id (null: identicon). */
    avatar: DataLoader<string, string | null>;
  };
}

/** Per request: the access policy for the caller and batched loaders, so `_entities` is one query. */
export function filesContext(services: FilesServices) {
  return (base: BaseContext): FilesContext => ({
    ...base,
    services,
    access: new FileAccess(services.channels, base.user, base.requestId),
    loaders: {
      file: byIdLoader((ids) => services.files.findByIds(ids)),
      avatar: byKeyLoader((userIds: readonly string[]) => services.avatars.fileIdsOf(userIds)),
    },
  });
}

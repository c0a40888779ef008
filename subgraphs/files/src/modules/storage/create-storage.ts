import { ConfigError } from '@trae/kit';
import type { FilesConfig } from '../../config.js';
import { LocalStorage } from './local-storage.js';
import { S3_MAX_OBJECT_BYTES, S3Storage } from './s3-storage.js';
import type { Storage } from './storage.js';

/** The storage FILES_STORAGE names, checked reachable so a bad setting fails at boot, not at the first upload. */
export async function createStorage(config: FilesConfig): Promise<Storage> {
  if (config.FILES_STORAGE === 'local') return LocalStorage.create(config.FILES_DIR);
  if (config.FILES_MAX_SIZE > S3_MAX_OBJECT_BYTES) {
    throw new ConfigError(`FILES_MAX_SIZE: at most ${S3_MAX_OBJECT_BYTES} bytes with FILES_STORAGE=s3`);
  }
  const storage = new S3Storage({
    bucket: config.FILES_S3_BUCKET ?? '',
    region: config.FILES_S3_REGION,
    endpoint: config.FILES_S3_ENDPOINT,
    accessKeyId: config.FILES_S3_ACCESS_KEY_ID,
    secretAccessKey: config.FILES_S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.FILES_S3_FORCE_PATH_STYLE,
    prefix: config.FILES_S3_PREFIX,
  });
  try {
    await storage.check();
  } catch (err) {
    await storage.close();
    throw new ConfigError(
      `FILES_S3_BUCKET: bucket ${config.FILES_S3_BUCKET} is not reachable (${(err as Error).message})`,
    );
  }
  return storage;
}

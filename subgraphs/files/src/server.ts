import 'reflect-metadata';
import {
  ChannelsClient,
  createLogger,
  createOrm,
  createRedis,
  createService,
  httpDeadlines,
  type Logger,
  type Service,
  serviceSettings,
} from '@trae/kit';
import type { FilesConfig } from './config.js';
import { filesContext } from './context.js';
import { filesRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { Avatar } from './modules/avatar/avatar.entity.js';
import { AvatarService } from './modules/avatar/avatar.service.js';
import { File } from './modules/file/file.entity.js';
import { FileService } from './modules/file/file.service.js';
import { UrlSigner } from './modules/signing/url-signer.js';
import { createStorage } from './modules/storage/create-storage.js';
import { S3_SERVICE } from './modules/storage/s3-storage.js';
import type { Storage } from './modules/storage/storage.js';
import { Sweeper } from './modules/upload/sweeper.js';
import { UploadService } from './modules/upload/upload.service.js';
import { buildFilesSchema } from './schema.js';

export { type FilesConfig, loadFilesConfig } from './config.js';
export { buildFilesSchema };
export const VERSION = '0.1.0';
export const entities = [File, Avatar];

export interface Files extends Service {
  storage: Storage;
  services: { files: FileService; uploads: UploadService; avatars: AvatarService; sweeper: Sweeper };
}

export async function createFiles(
  config: FilesConfig,
  logger: Logger = createLogger('files', config.LOG_LEVEL),
): Promise<Files> {
  const storage = await createStorage(config);
  try {
    return await assemble(config, logger, storage);
  } catch (err) {
    await storage.close();
    throw err;
  }
}

async function assemble(config: FilesConfig, logger: Logger, storage: Storage): Promise<Files> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'files',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const signer = new UrlSigner(config.FILES_SIGNING_SECRET, config.GATEWAY_URL);
  const channels = new ChannelsClient(config.CHANNELS_URL, config.INTERNAL_SECRET);
  const lease = { owner: config.FILES_INSTANCE_ID, ms: config.UPLOAD_LEASE_MS };
  const files = new FileService(orm, storage, lease.ms);
  const uploads = new UploadService(
    orm,
    storage,
    files,
    signer,
    {
      maxSize: config.FILES_MAX_SIZE,
      userQuota: config.FILES_USER_QUOTA,
      allowedTypes: config.FILES_ALLOWED_TYPES,
      ticketTtlSeconds: config.UPLOAD_URL_TTL_SECONDS,
      idleTimeoutMs: config.UPLOAD_IDLE_TIMEOUT_MS,
    },
    lease,
    logger,
    redis,
  );
  const avatars = new AvatarService(orm, files, config.GATEWAY_URL);
  const sweeper = new Sweeper(orm, storage, lease, logger);
  // Before the first request: a crash left this instance's uploads UPLOADING and their bytes in staging.
  await sweeper.reconcile().catch(async (err) => {
    await orm.close();
    throw err;
  });

  const service = await createService({
    name: 'files',
    version: VERSION,
    schema: await buildFilesSchema(),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    // Uploads stream for as long as they take; the upload idle timeout cuts a stalled one instead.
    deadlines: { ...httpDeadlines(config), exempt: (req) => req.path.startsWith('/files/') },
    // S3 is a service outside the platform: its outage shows in systemHealth as EXTERNAL (degraded).
    external: storage.kind === 's3' ? { [S3_SERVICE]: () => storage.check() } : {},
    routes: filesRoutes({
      files,
      uploads,
      avatars,
      storage,
      signer,
      channels,
      secret: config.INTERNAL_SECRET,
    }),
    extendContext: filesContext({
      files,
      uploads,
      avatars,
      signer,
      channels,
      downloadTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
    }),
    onStop: async () => {
      await sweeper.stop();
      await storage.close();
    },
  });
  uploads.metrics.register(service.metrics.registry);
  storage.observe?.(service.metrics.registry);
  sweeper.start(config.SWEEP_INTERVAL_MS);
  return Object.assign(service, { storage, services: { files, uploads, avatars, sweeper } });
}

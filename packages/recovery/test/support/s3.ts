import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  bucket: string;
  /** BACKUP_S3_* variables pointing the recovery tool at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** An S3-compatible server in this process (s3rver, as the files tests use), over a temporary folder. */
export async function startLocalS3(bucket = 'trae-backups'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'trae-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    bucket,
    env: {
      BACKUP_S3_BUCKET: bucket,
      BACKUP_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      BACKUP_S3_ACCESS_KEY_ID: 'S3RVER',
      BACKUP_S3_SECRET_ACCESS_KEY: 'S3RVER',
      BACKUP_S3_PREFIX: 'site-a/',
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

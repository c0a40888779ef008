import type { Logger, Redis } from '@trae/kit';
import { Queue, Worker } from 'bullmq';
import type { RetentionService } from './retention.service.js';

export const RETENTION_QUEUE = 'webhook-retention';

/**
 * Runs retention every `everyMs` on one instance however many run: BullMQ's job scheduler puts one job
 * per period on the queue, and the worker that takes it holds its lock (a lease) while it runs; a dead
 * holder's job is taken up by another instance once the lock expires.
 */
export function startRetention(
  retention: RetentionService,
  connection: Redis,
  prefix: string,
  everyMs: number,
  logger: Logger,
) {
  const bull = { connection, prefix: `${prefix}bull` };
  const queue = new Queue(RETENTION_QUEUE, bull);
  const worker = new Worker(
    RETENTION_QUEUE,
    async () => {
      const deleted = await retention.run();
      if (Object.values(deleted).some(Boolean)) logger.info({ deleted }, 'webhook retention');
    },
    { ...bull, concurrency: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 10 } },
  );
  worker.on('error', (err) => logger.warn({ err }, 'webhook retention worker error'));
  const scheduled = queue
    .upsertJobScheduler('prune', { every: everyMs }, { name: 'prune' })
    .catch((err) => logger.warn({ err }, 'webhook retention not scheduled'));
  return {
    async stop() {
      await scheduled;
      await worker.close();
      await queue.close();
    },
  };
}

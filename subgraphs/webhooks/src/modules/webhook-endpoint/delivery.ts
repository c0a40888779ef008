import { createHash, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, Redis, SafeHttp } from '@trae/kit';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { type AttemptRow, DeliveryStore } from './delivery-store.js';
import type { EndpointCache } from './endpoint-cache.js';
import type { EndpointHealth } from './endpoint-health.js';

export const DELIVERY_QUEUE = 'webhook-deliveries';
const EXCERPT_CHARS = 500;

export interface DeliveryJob {
  endpointId: string;
  messageId: string;
  type: string;
  /** When the event happened (ISO), the body's `timestamp`. */
  at: string;
  data: unknown;
}

export interface DeliverySettings {
  attempts: number;
  retryBaseMs: number;
  /** The longest wait between two tries. */
  retryMaxMs: number;
  timeoutMs: number;
  /** Deliveries this process has under way at once. */
  concurrency: number;
}

/**
 * The spec's retry schedule: each delay 4x the last from `baseMs` (capped at `maxMs`, 10 h by default),
 * +-20% jitter so endpoints that failed together do not retry together. `attemptsMade` counts the failed
 * tries so far.
 */
export function retryDelayMs(
  attemptsMade: number,
  baseMs: number,
  random = Math.random(),
  maxMs = 10 * 60 * 60_000,
): number {
  const delay = Math.min(baseMs * 4 ** Math.max(0, attemptsMade - 1), maxMs);
  return Math.round(delay * (0.8 + 0.4 * random));
}

/** One event for one endpoint: the same `webhook-id` on every try, so receivers can drop repeats. */
export const messageIdOf = (eventId: string, endpointId: string) =>
  `msg_${createHash('sha256').update(`${eventId}/${endpointId}`).digest('hex').slice(0, 32)}`;

/** BullMQ states in which a job will still be tried: a redelivery of it would be a duplicate. */
const UNDER_WAY = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * Outbound deliveries on BullMQ: the event's producer only appended to a stream; this queue carries
 * each (event, endpoint) pair with its retries, and every try is written to the delivery log with the
 * body it sent. A 410 from the receiver disables the endpoint for good, and so does failing too many
 * deliveries in a row (`EndpointHealth`). Receivers are reached through the SSRF guard.
 */
export class OutboundDelivery {
  private readonly queue: Queue<DeliveryJob>;
  private readonly worker: Worker<DeliveryJob>;
  private readonly store: DeliveryStore;

  constructor(
    orm: MikroORM,
    connection: Redis,
    prefix: string,
    private readonly http: SafeHttp,
    private readonly settings: DeliverySettings,
    private readonly health: EndpointHealth,
    endpoints: EndpointCache,
    logger: Logger,
  ) {
    this.store = new DeliveryStore(orm, endpoints);
    const bull = { connection, prefix: `${prefix}bull` };
    this.queue = new Queue(DELIVERY_QUEUE, bull);
    this.worker = new Worker(DELIVERY_QUEUE, (job) => this.deliver(job), {
      ...bull,
      concurrency: settings.concurrency,
      settings: {
        backoffStrategy: (made) =>
          retryDelayMs(made, settings.retryBaseMs, Math.random(), settings.retryMaxMs),
      },
    });
    this.worker.on('error', (err) => logger.warn({ err }, 'webhook delivery worker error'));
  }

  /** Queues a delivery; a second job with the same message id is ignored while BullMQ keeps the first. */
  async enqueue(job: DeliveryJob, jobId = job.messageId): Promise<void> {
    await this.queue.add('deliver', job, this.jobOptions(jobId));
  }

  /** Queues many in one round trip (`addBulk`), each as `enqueue` would. */
  async enqueueMany(jobs: DeliveryJob[]): Promise<void> {
    await this.queue.addBulk(
      jobs.map((job) => ({ name: 'deliver', data: job, opts: this.jobOptions(job.messageId) })),
    );
  }

  private jobOptions(jobId: string) {
    return {
      jobId,
      attempts: this.settings.attempts,
      backoff: { type: 'custom' },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
    };
  }

  /**
   * Sends a delivered (or failed) message again with the same `webhook-id`, unless it is still under way
   * (first sent or retried, or redelivered already): then false, and nothing more is queued.
   */
  async redeliver(job: DeliveryJob): Promise<boolean> {
    const again = `${job.messageId}-again`;
    for (const id of [job.messageId, again]) {
      const state = await this.queue.getJobState(id);
      if (UNDER_WAY.has(state)) return false;
    }
    // A finished redelivery still holds its job id: make room for the next one.
    await this.queue.remove(again);
    await this.enqueue(job, again);
    return true;
  }

  private async deliver(job: Job<DeliveryJob>): Promise<void> {
    const endpoint = await this.store.endpoint(job.data.endpointId);
    if (endpoint?.status !== 'ACTIVE') return;
    const { messageId, type, at, data } = job.data;
    const body = JSON.stringify({ type, timestamp: at, data });
    const now = new Date();
    const attempt: AttemptRow = {
      id: randomUUID(),
      endpointId: endpoint.id,
      messageId,
      eventType: type,
      attempt: job.attemptsMade + 1,
      statusCode: null,
      latencyMs: 0,
      responseExcerpt: null,
      error: null,
      body,
      createdAt: now,
    };
    const started = performance.now();
    try {
      const res = await this.http.post(endpoint.url, body, {
        timeoutMs: this.settings.timeoutMs,
        maxBytes: 4096,
        userAgent: 'TRAE.AI webhooks',
        headers: {
          'webhook-id': messageId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(endpoint.secret).sign(messageId, now, body),
        },
      });
      attempt.statusCode = res.status;
      attempt.responseExcerpt = res.body.toString('utf8').slice(0, EXCERPT_CHARS) || null;
    } catch (err) {
      attempt.error = err instanceof Error ? err.message : String(err);
    }
    attempt.latencyMs = Math.round(performance.now() - started);
    await this.store.log(attempt);
    const status = attempt.statusCode ?? 0;
    if (status === 410) {
      await this.health.disable(endpoint.id, 'the receiver answered 410 Gone');
      throw new UnrecoverableError('410 Gone: endpoint disabled');
    }
    if (status >= 200 && status < 300) {
      await this.health.succeeded(endpoint);
      return;
    }
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.health.failed(endpoint.id);
    throw new Error(attempt.error ?? `HTTP ${status}`);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.store.drain();
    await this.queue.close();
    this.http.close();
  }
}

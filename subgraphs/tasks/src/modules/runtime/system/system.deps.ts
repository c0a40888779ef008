import type { Redis } from 'ioredis';
import type { BackupDeps } from './backup.js';
import type { Base44SyncDeps } from './base44-sync.js';

export type QueueCounts = Record<
  string,
  { waiting: number; active: number; delayed: number; failed: number }
>;

/** What the system agent inspects; the worker wires the real database, Redis and queues in. */
export interface SystemDeps {
  /** Base URLs of the platform's services, by name. */
  services: Record<string, string>;
  /** Live worker processes (from their heartbeats). */
  workers(): Promise<{ id: string; url: string }[]>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  redis: Redis;
  queueCounts(): Promise<QueueCounts>;
  /** Removes finished BullMQ jobs older than the given age; returns how many. */
  cleanQueues(olderThanMs: number): Promise<number>;
  retention: { taskDays: number; logDays: number };
  backups: BackupDeps;
  base44: Base44SyncDeps;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity.js';

/** Queues an event inside the caller's transaction; it reaches Redis only if that transaction commits. */
export function enqueue(em: EntityManager, stream: string, type: string, payload: unknown): void {
  em.persist(em.create(OutboxEvent, { stream, type, payload, createdAt: new Date() }));
}

import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { OutboxRelay } from '@trae/kit';
import { OutboxEvent } from '../event/outbox-event.entity.js';

/** Where identity announces its users' changes (a Redis stream; the tasks service reads it). */
export const IDENTITY_STREAM = 'events:identity';
export const USER_CHANGED = 'user.changed';

export type UserChange = 'created' | 'profile' | 'email' | 'role' | 'disabled';

/**
 * The payload of `user.changed`: which user, and what changed; readers fetch the profile themselves.
 * `eventId` (the outbox row's) is the same on a redelivery, so a reader can tell one from a new change.
 */
export interface UserChanged {
  userId: string;
  change: UserChange;
  at: string;
  eventId: string;
}

/**
 * Announces user changes through the outbox: the event is a row written in the caller's unit of work,
 * so it commits (or rolls back) with the change, and the relay sends it once Redis takes it. The
 * request that made the change never waits for Redis, and an outage only delays the news.
 */
export class UserEvents {
  constructor(
    orm: MikroORM,
    private readonly relay: OutboxRelay,
  ) {
    // After a flush that wrote an event, relay at once instead of on the next tick.
    orm.em.getEventManager().registerSubscriber({
      afterFlush: ({ uow }) => {
        if (uow.getChangeSets().some((cs) => cs.entity instanceof OutboxEvent)) void relay.kick();
      },
    });
  }

  /** Queues `user.changed` in `em`: it is sent only if that unit of work's flush commits. */
  changed(em: EntityManager, userId: string, change: UserChange): void {
    const payload: Omit<UserChanged, 'eventId'> = { userId, change, at: new Date().toISOString() };
    em.persist(
      em.create(OutboxEvent, { stream: IDENTITY_STREAM, type: USER_CHANGED, payload, createdAt: new Date() }),
    );
  }

  /** Resolves once every committed event has been relayed, or the relay failed trying (tests, shutdown). */
  flush(): Promise<void> {
    return this.relay.kick();
  }
}

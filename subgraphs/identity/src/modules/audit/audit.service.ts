import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { assertUuid, type ConnectionShape, newestFirstPage, pageSize } from '@trae/kit';
import type { AuditEventType } from './audit.enums.js';
import { AuditLogArgs } from './audit.inputs.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  type: AuditEventType;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  first?: number | null;
  after?: string | null;
  type?: AuditEventType | null;
  userId?: string | null;
}

export class AuditService {
  constructor(private readonly orm: MikroORM) {}

  /** Records an event in the caller's unit of work when given one, so it commits with the change it describes. */
  record(entry: AuditEntry, em: EntityManager = this.orm.em.fork()): Promise<void> | void {
    const event = em.create(AuditEvent, {
      type: entry.type,
      actorId: entry.actorId ?? undefined,
      subjectId: entry.subjectId ?? undefined,
      ip: entry.ip ?? undefined,
      details: entry.details ?? {},
      createdAt: new Date(),
    });
    em.persist(event);
    return em.flush();
  }

  async list(query: AuditQuery): Promise<ConnectionShape<AuditEvent>> {
    const limit = pageSize(query.first, AuditLogArgs.size);
    const em = this.orm.em.fork();
    const where: Record<string, unknown> = {};
    if (query.type) where.type = query.type;
    if (query.userId) assertUuid('userId', query.userId);
    if (query.userId) where.$or = [{ actorId: query.userId }, { subjectId: query.userId }];
    return newestFirstPage(em, AuditEvent, where, query.after, limit);
  }
}

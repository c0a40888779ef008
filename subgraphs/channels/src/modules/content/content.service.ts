import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  afterCursor,
  type ConnectionShape,
  Errors,
  isUuid,
  NEWEST_FIRST,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
  searchPattern,
  toConnection,
} from '@trae/kit';
import { Channel } from '../channel/channel.entity.js';
import type { Kick } from '../channel/channel.service.js';
import { requireRole, requireWritable } from '../member/access.js';
import type { ChannelRole } from '../member/member.enums.js';
import { contentFilter, contentPatch, newContent } from './content.schema.js';
import { queueContentPublished } from './content-event.js';
import { ContentItem } from './content-item.entity.js';
import { draftFromTask } from './draft-from-task.js';

export interface NewContent {
  channelId: string;
  title: string;
  body?: string | null;
  kind: string;
}

export interface ContentPatch {
  title?: string | null;
  body?: string | null;
  kind?: string | null;
}

export interface ContentQuery extends PageQuery {
  status?: string | null;
  kind?: string | null;
  search?: string | null;
}

/** A content task that succeeded for a channel (from `task.completed`). */
export interface CompletedContentTask {
  taskId: string;
  type: string;
  channelId: string;
  result: unknown;
}

export class ContentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: Kick,
  ) {}

  async list(
    actor: Principal,
    channelId: string,
    query: ContentQuery,
  ): Promise<ConnectionShape<ContentItem>> {
    const limit = pageSize(query.first);
    const em = this.orm.em.fork();
    await requireRole(em, actor, channelId, 'VIEWER');
    const filter = parseInput(contentFilter, query);
    const where: Record<string, unknown> = { channelId };
    if (filter.status) where.status = filter.status;
    if (filter.kind) where.kind = filter.kind;
    const like = searchPattern('search', query.search);
    if (like) where.$or = [{ title: { $ilike: like } }, { body: { $ilike: like } }];
    const totalCount = await em.count(ContentItem, where);
    const after = afterCursor(query.after);
    const rows = await em.find(ContentItem, after ? { $and: [where, after] } : where, {
      orderBy: NEWEST_FIRST,
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount);
  }

  /** Null when it does not exist or the caller cannot see its channel. */
  async get(actor: Principal, id: string): Promise<ContentItem | null> {
    if (!isUuid(id) || !actor.id) return null;
    const em = this.orm.em.fork();
    const item = await em.findOne(ContentItem, { id });
    if (!item) return null;
    try {
      await requireRole(em, actor, item.channelId, 'VIEWER');
      return item;
    } catch {
      return null;
    }
  }

  async create(actor: Principal, input: NewContent): Promise<ContentItem> {
    const em = this.orm.em.fork();
    const { channel } = await requireRole(em, actor, input.channelId, 'EDITOR');
    requireWritable(channel);
    const item = Object.assign(new ContentItem(), {
      ...parseInput(newContent, input),
      channelId: channel.id,
      createdBy: actor.id,
    });
    await em.persist(item).flush();
    return item;
  }

  /** Editing approved content makes it a draft again; published content is final. */
  update(actor: Principal, id: string, input: ContentPatch): Promise<ContentItem> {
    return this.change(actor, id, 'EDITOR', (item) => {
      if (item.status === 'PUBLISHED') throw Errors.conflict('Published content cannot be edited');
      const patch = parseInput(contentPatch, input);
      if (patch.title !== undefined) item.title = patch.title;
      if (patch.body !== undefined) item.body = patch.body;
      if (patch.kind !== undefined) item.kind = patch.kind;
      if (item.status === 'APPROVED')
        Object.assign(item, { status: 'DRAFT', approvedAt: null, approvedBy: null });
    });
  }

  approve(actor: Principal, id: string): Promise<ContentItem> {
    return this.change(actor, id, 'EDITOR', (item, by) => {
      if (item.status === 'PUBLISHED') throw Errors.conflict('The content is already published');
      if (item.status === 'APPROVED') return;
      Object.assign(item, { status: 'APPROVED', approvedAt: new Date(), approvedBy: by });
    });
  }

  /** Publishing queues `content.published` (once: publishing again changes nothing) for the webhooks service. */
  async publish(actor: Principal, id: string): Promise<ContentItem> {
    let published = false;
    const item = await this.change(actor, id, 'EDITOR', (item, by, em, channel) => {
      if (item.status === 'DRAFT') throw Errors.conflict('Approve the content before publishing it');
      if (item.status === 'PUBLISHED') return;
      Object.assign(item, { status: 'PUBLISHED', publishedAt: new Date() });
      queueContentPublished(em, item, channel, by);
      published = true;
    });
    if (published) void this.relay.kick();
    return item;
  }

  async delete(actor: Principal, id: string): Promise<boolean> {
    await this.change(actor, id, 'EDITOR', (item, _by, em) => em.remove(item));
    return true;
  }

  /**
   * Stores a content task's output as a draft, once per task: the unique source task id turns a
   * redelivered event into a no-op. Returns false when nothing was stored (a repeat, or no such channel).
   */
  async createFromTask(task: CompletedContentTask): Promise<boolean> {
    if (!isUuid(task.channelId)) return false;
    const em = this.orm.em.fork();
    if (!(await em.findOne(Channel, { id: task.channelId }, { fields: ['id'] }))) return false;
    const draft = draftFromTask(task.type, task.result);
    // JS timestamps (milliseconds), never now(): keyset cursors carry milliseconds.
    const now = new Date();
    const rows = await em.execute<{ id: string }[]>(
      `insert into content_items (id, channel_id, title, body, kind, status, source_task_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?) on conflict (source_task_id) do nothing returning id`,
      [randomUUID(), task.channelId, draft.title, draft.body, draft.kind, task.taskId, now, now],
    );
    return rows.length > 0;
  }

  /** One change to one item, under its row lock, after the caller's channel role is checked. */
  private async change(
    actor: Principal,
    id: string,
    min: ChannelRole,
    apply: (item: ContentItem, by: string, em: EntityManager, channel: Channel) => void,
  ): Promise<ContentItem> {
    return this.orm.em.fork().transactional(async (em) => {
      const item = isUuid(id)
        ? await em.findOne(ContentItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
        : null;
      if (!item) throw Errors.notFound('Content item');
      const { channel } = await requireRole(em, actor, item.channelId, min, { what: 'Content item' });
      requireWritable(channel);
      apply(item, actor.id!, em, channel);
      return item;
    });
  }
}

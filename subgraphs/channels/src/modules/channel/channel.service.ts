import { UniqueConstraintViolationException } from '@mikro-orm/core';
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
import { requireRole, requireWritable } from '../member/access.js';
import { ChannelMember } from '../member/member.entity.js';
import { Channel } from './channel.entity.js';
import type { ChannelStatus } from './channel.enums.js';
import { channelFilter, channelPatch, newChannel } from './channel.schema.js';
import { applySettings, DEFAULT_SETTINGS } from './channel-settings.js';
import { queueScheduleChange, schedulePayload } from './schedule-event.js';
import { slugify } from './slug.js';

export interface NewChannel {
  name: string;
  platform: string;
  description?: string | null;
  settings?: object | null;
}

export interface ChannelPatch {
  name?: string | null;
  slug?: string | null;
  platform?: string | null;
  description?: string | null;
  status?: string | null;
  settings?: object | null;
}

export interface ChannelQuery extends PageQuery {
  search?: string | null;
  platform?: string | null;
  /** Without one, archived channels are left out. */
  status?: string | null;
  /** Only channels this user is a member of (`User.channels`). */
  memberId?: string | null;
}

/** Lets the outbox relay run right after a commit instead of on its next tick. */
export interface Kick {
  kick(): Promise<void>;
}

export class ChannelService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: Kick,
  ) {}

  async create(actor: Principal, input: NewChannel): Promise<Channel> {
    const ownerId = actor.id;
    if (!ownerId) throw Errors.unauthenticated();
    const { name, platform, description, settings: patch } = parseInput(newChannel, input);
    const settings = applySettings({ ...DEFAULT_SETTINGS }, patch);
    // Two channels with the same name created at once may pick the same free slug; the loser retries.
    for (let attempt = 1; ; attempt++) {
      try {
        const channel = await this.orm.em.fork().transactional(async (em) => {
          const channel = Object.assign(new Channel(), {
            name,
            slug: await freeSlug(em, slugify(name)),
            platform,
            description,
            settings,
            ownerId,
          });
          await em.persist(channel).flush();
          em.persist(
            Object.assign(new ChannelMember(), {
              channelId: channel.id,
              userId: ownerId,
              role: 'OWNER',
              addedBy: ownerId,
            }),
          );
          queueScheduleChange(em, null, channel);
          return channel;
        });
        void this.relay.kick();
        return channel;
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException && attempt < 5) continue;
        throw err;
      }
    }
  }

  async update(actor: Principal, id: string, input: ChannelPatch): Promise<Channel> {
    return this.change(actor, id, (channel) => {
      requireWritable(channel);
      const patch = parseInput(channelPatch, input);
      if (patch.name !== undefined) channel.name = patch.name;
      if (patch.slug !== undefined) channel.slug = patch.slug;
      if (patch.platform !== undefined) channel.platform = patch.platform;
      if (patch.description !== undefined) channel.description = patch.description;
      if (patch.status !== undefined) channel.status = patch.status;
      if (patch.settings !== undefined) channel.settings = applySettings(channel.settings, patch.settings);
    });
  }

  /** Soft and reversible: the channel keeps its slug, members and content, and becomes read-only. */
  archive(actor: Principal, id: string): Promise<Channel> {
    return this.change(actor, id, (channel) => {
      if (channel.status === 'ARCHIVED') return;
      channel.statusBeforeArchive = channel.status;
      channel.status = 'ARCHIVED';
      channel.archivedAt = new Date();
    });
  }

  /** Back to the status it had when archived, so a paused channel does not start posting again. */
  restore(actor: Principal, id: string): Promise<Channel> {
    return this.change(actor, id, (channel) => {
      if (channel.status !== 'ARCHIVED') return;
      channel.status = (channel.statusBeforeArchive ?? 'ACTIVE') as ChannelStatus;
      channel.statusBeforeArchive = null;
      channel.archivedAt = null;
    });
  }

  /** Null when it does not exist or the caller may not see it. */
  async get(actor: Principal, id: string): Promise<Channel | null> {
    return (await this.visible(actor, [id]))[0] ?? null;
  }

  async getBySlug(actor: Principal, slug: string): Promise<Channel | null> {
    const channel = await this.orm.em.fork().findOne(Channel, { slug: slug.trim().toLowerCase() });
    return channel ? this.get(actor, channel.id) : null;
  }

  /** The channels among `ids` the caller may see: those they belong to, or all of them for ADMIN. */
  async visible(actor: Principal, ids: readonly string[]): Promise<Channel[]> {
    const wanted = ids.filter(isUuid);
    if (!actor.id || !wanted.length) return [];
    const qb = this.orm.em
      .fork()
      .createQueryBuilder(Channel, 'c')
      .where({ id: { $in: wanted } });
    if (actor.role !== 'ADMIN') qb.andWhere(MEMBER_OF, [actor.id]);
    return qb.getResultList();
  }

  async list(actor: Principal, query: ChannelQuery): Promise<ConnectionShape<Channel>> {
    if (!actor.id) throw Errors.unauthenticated();
    const limit = pageSize(query.first);
    const filter = parseInput(channelFilter, query);
    const where: Record<string, unknown> = { status: filter.status ?? { $ne: 'ARCHIVED' } };
    if (filter.platform) where.platform = filter.platform;
    const like = searchPattern('search', query.search);
    if (like)
      where.$or = [{ name: { $ilike: like } }, { slug: { $ilike: like } }, { description: { $ilike: like } }];
    const qb = this.orm.em.fork().createQueryBuilder(Channel, 'c').where(where);
    if (actor.role !== 'ADMIN') qb.andWhere(MEMBER_OF, [actor.id]);
    if (query.memberId) {
      if (!isUuid(query.memberId)) return toConnection([], limit, 0);
      qb.andWhere(MEMBER_OF, [query.memberId]);
    }
    const totalCount = await qb.clone().getCount();
    const after = afterCursor(query.after);
    if (after) qb.andWhere(after);
    const rows = await qb
      .orderBy(NEWEST_FIRST)
      .limit(limit + 1)
      .getResultList();
    return toConnection(rows, limit, totalCount);
  }

  /** An owner's change to one channel, under its row lock, with the schedule event in the same commit. */
  private async change(actor: Principal, id: string, apply: (channel: Channel) => void): Promise<Channel> {
    try {
      const channel = await this.orm.em.fork().transactional(async (em) => {
        const { channel } = await requireRole(em, actor, id, 'OWNER', { lock: true });
        const before = schedulePayload(channel);
        apply(channel);
        queueScheduleChange(em, before, channel);
        return channel;
      });
      void this.relay.kick();
      return channel;
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw Errors.conflict('That slug is taken', 'slug');
      throw err;
    }
  }
}

const MEMBER_OF = 'exists (select 1 from channel_members m where m.channel_id = c.id and m.user_id = ?)';

/** `base`, or `base-2`, `base-3`, ... whichever is free first. */
async function freeSlug(em: EntityManager, base: string): Promise<string> {
  const taken = await em.execute<{ slug: string }[]>(`select slug from channels where slug = ? or slug ~ ?`, [
    base,
    `^${base}-[0-9]+$`,
  ]);
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  appError,
  type ConnectionShape,
  Errors,
  isUuid,
  type Membership,
  newestFirstPage,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
} from '@trae/kit';
import type { Channel } from '../channel/channel.entity.js';
import type { Kick } from '../channel/channel.service.js';
import { queueScheduleChange, schedulePayload } from '../channel/schedule-event.js';
import { requireRole, requireWritable } from './access.js';
import { ChannelMember } from './member.entity.js';
import { atLeast, type ChannelRole } from './member.enums.js';
import { channelRole, memberUserId } from './member.schema.js';
import type { UserDirectory } from './user-directory.js';

export class MemberService {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UserDirectory,
    private readonly relay: Kick,
  ) {}

  async list(actor: Principal, channelId: string, page: PageQuery): Promise<ConnectionShape<ChannelMember>> {
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    await requireRole(em, actor, channelId, 'VIEWER');
    return newestFirstPage(em, ChannelMember, { channelId }, page.after, limit);
  }

  /** Owners add members; the user must exist in identity and not be disabled. */
  async add(
    actor: Principal,
    channelId: string,
    userId: string,
    role: string,
    requestId?: string,
  ): Promise<ChannelMember> {
    const wanted = parseInput(channelRole, role, 'role');
    return this.orm.em.fork().transactional(async (em) => {
      const { channel } = await requireRole(em, actor, channelId, 'OWNER', { lock: true });
      requireWritable(channel);
      parseInput(memberUserId, userId, 'userId');
      const user = await this.users.find(userId, requestId);
      if (!user) throw appError('NOT_FOUND', 'User not found', { field: 'userId' });
      if (user.disabled) throw Errors.badInput('userId', 'That user is disabled');
      if (await em.findOne(ChannelMember, { channelId: channel.id, userId })) {
        throw Errors.conflict('Already a member; use setChannelMemberRole to change the role', 'userId');
      }
      const member = Object.assign(new ChannelMember(), {
        channelId: channel.id,
        userId,
        role: wanted,
        addedBy: actor.id,
      });
      em.persist(member);
      return member;
    });
  }

  async setRole(actor: Principal, channelId: string, userId: string, role: string): Promise<ChannelMember> {
    const wanted = parseInput(channelRole, role, 'role');
    const member = await this.orm.em.fork().transactional(async (em) => {
      const { channel } = await requireRole(em, actor, channelId, 'OWNER', { lock: true });
      requireWritable(channel);
      const member = await findMember(em, channel.id, userId);
      if (member.role === wanted) return member;
      if (member.role === 'OWNER') await handOver(em, channel, member);
      member.role = wanted;
      return member;
    });
    void this.relay.kick();
    return member;
  }

  /** Owners remove anyone; any member may leave. Allowed on archived channels, so people can leave them. */
  async remove(actor: Principal, channelId: string, userId: string): Promise<boolean> {
    await this.orm.em.fork().transactional(async (em) => {
      const { channel, role } = await requireRole(em, actor, channelId, 'VIEWER', { lock: true });
      const self = actor.id === userId;
      if (!self && actor.role !== 'ADMIN' && !atLeast(role, 'OWNER')) {
        throw Errors.forbidden('Requires channel role OWNER or above');
      }
      const member = await findMember(em, channel.id, userId);
      if (member.role === 'OWNER') await handOver(em, channel, member);
      em.remove(member);
    });
    void this.relay.kick();
    return true;
  }

  /** One user's role in each of these channels (absent where they are not a member). */
  async rolesOf(userId: string, channelIds: readonly string[]): Promise<Map<string, ChannelRole>> {
    const ids = channelIds.filter(isUuid);
    if (!ids.length) return new Map();
    const rows = await this.orm.em
      .fork()
      .find(ChannelMember, { userId, channelId: { $in: ids } }, { fields: ['channelId', 'role'] });
    return new Map(rows.map((m) => [m.channelId, m.role]));
  }

  /** For other services (`/internal/channels/:id/members/:userId`): no caller, just the facts. */
  async membership(channelId: string, userId: string): Promise<Membership | null> {
    if (!isUuid(channelId) || !isUuid(userId)) return null;
    const rows = await this.orm.em
      .fork()
      .execute<Membership[]>(
        'select m.role, c.status from channel_members m join channels c on c.id = m.channel_id where m.channel_id = ? and m.user_id = ?',
        [channelId, userId],
      );
    return rows[0] ?? null;
  }
}

async function findMember(em: EntityManager, channelId: string, userId: string): Promise<ChannelMember> {
  const member = isUuid(userId) ? await em.findOne(ChannelMember, { channelId, userId }) : null;
  if (!member) throw appError('NOT_FOUND', 'Member not found', { field: 'userId' });
  return member;
}

/**
 * An owner is leaving the OWNER role. The last one cannot (a channel always has someone to manage it);
 * when it is the primary owner, the longest-standing other owner takes over the channel and its schedule.
 */
async function handOver(em: EntityManager, channel: Channel, leaving: ChannelMember): Promise<void> {
  const next = await em.findOne(
    ChannelMember,
    { channelId: channel.id, role: 'OWNER', id: { $ne: leaving.id } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  if (!next) throw Errors.conflict('The last owner cannot be removed or demoted; add another owner first');
  if (channel.ownerId !== leaving.userId) return;
  const before = schedulePayload(channel);
  channel.ownerId = next.userId;
  queueScheduleChange(em, before, channel);
}

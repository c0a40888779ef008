import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Errors, isUuid, type Principal } from '@trae/kit';
import { Channel } from '../channel/channel.entity.js';
import { ChannelMember } from './member.entity.js';
import { atLeast, type ChannelRole } from './member.enums.js';

export interface Access {
  channel: Channel;
  /** The caller's role; null for an ADMIN who is not a member. */
  role: ChannelRole | null;
}

export async function roleIn(
  em: EntityManager,
  channelId: string,
  userId: string,
): Promise<ChannelRole | null> {
  const member = await em.findOne(ChannelMember, { channelId, userId }, { fields: ['role'] });
  return member?.role ?? null;
}

/**
 * Loads a channel and checks the caller's channel role. A caller who cannot see the channel at all
 * gets NOT_FOUND, so channel ids cannot be probed; a member below `min` gets FORBIDDEN. ADMIN passes.
 * `lock` takes the row for the rest of the transaction, which serialises changes to one channel.
 */
export async function requireRole(
  em: EntityManager,
  actor: Principal,
  channelId: string,
  min: ChannelRole,
  options: { lock?: boolean; what?: string } = {},
): Promise<Access> {
  if (!actor.id) throw Errors.unauthenticated();
  const what = options.what ?? 'Channel';
  const channel = isUuid(channelId)
    ? await em.findOne(
        Channel,
        { id: channelId },
        options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
      )
    : null;
  if (!channel) throw Errors.notFound(what);
  const role = await roleIn(em, channel.id, actor.id);
  if (actor.role === 'ADMIN') return { channel, role };
  if (!role) throw Errors.notFound(what);
  if (!atLeast(role, min)) throw Errors.forbidden(`Requires channel role ${min} or above`);
  return { channel, role };
}

/** Archived channels are read-only until restored. */
export function requireWritable(channel: Channel): void {
  if (channel.status === 'ARCHIVED') throw Errors.conflict('The channel is archived; restore it first');
}

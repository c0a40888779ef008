import { type ChannelsClient, Errors, isSelfOrAdmin, type Membership, type Principal } from '@trae/kit';
import type { File } from '../file/file.entity.js';

const UPLOAD_ROLES = new Set(['OWNER', 'EDITOR']);

/**
 * Who may do what with files, for one request: owners and admins do everything, channel members read
 * their channel's files, EDITOR and above upload to it. Channel answers are remembered for the request,
 * so a page of channel files asks channels once.
 */
export class FileAccess {
  private readonly memberships = new Map<string, Promise<Membership | null>>();

  constructor(
    private readonly channels: ChannelsClient,
    private readonly actor: Principal,
    private readonly requestId?: string,
  ) {}

  get user(): Principal {
    return this.actor;
  }

  private membership(channelId: string): Promise<Membership | null> {
    const userId = this.actor.id;
    if (!userId) return Promise.resolve(null);
    let found = this.memberships.get(channelId);
    if (!found) {
      found = this.channels.membership(channelId, userId, this.requestId);
      this.memberships.set(channelId, found);
    }
    return found;
  }

  async canRead(file: File): Promise<boolean> {
    if (!this.actor.id) return false;
    if (isSelfOrAdmin(this.actor, file.ownerId)) return true;
    return file.channelId ? (await this.membership(file.channelId)) !== null : false;
  }

  canDelete(file: File): boolean {
    return isSelfOrAdmin(this.actor, file.ownerId);
  }

  /** Readers of a channel's files: its members. Strangers learn nothing, not even that it exists. */
  async requireChannelReader(channelId: string): Promise<void> {
    if (this.actor.role === 'ADMIN') return;
    if (!(await this.membership(channelId))) throw Errors.notFound('Channel');
  }

  async requireChannelUploader(channelId: string): Promise<void> {
    if (this.actor.role === 'ADMIN') return;
    const member = await this.membership(channelId);
    if (!member) throw Errors.notFound('Channel');
    if (!UPLOAD_ROLES.has(member.role))
      throw Errors.forbidden('Uploading to a channel needs EDITOR or OWNER');
    if (member.status === 'ARCHIVED') throw Errors.forbidden('The channel is archived');
  }
}

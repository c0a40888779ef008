import { internalHeaders } from '@trae/kit';

export type ChannelRole = 'OWNER' | 'EDITOR' | 'VIEWER';
export type ChannelStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED';

export interface Membership {
  role: ChannelRole;
  status: ChannelStatus;
}

/** Asks the channels service (which owns memberships) what a user may do in a channel. */
export class ChannelsClient {
  constructor(
    private readonly channelsUrl: string,
    private readonly secret: string,
  ) {}

  /** The user's role in the channel, or null when either does not exist or they are not a member. */
  async membership(channelId: string, userId: string, requestId?: string): Promise<Membership | null> {
    const url = new URL(
      `/internal/channels/${encodeURIComponent(channelId)}/members/${encodeURIComponent(userId)}`,
      this.channelsUrl,
    );
    const res = await fetch(url, {
      headers: internalHeaders(this.secret, requestId),
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`channels answered HTTP ${res.status} for a membership check`);
    }
    return (await res.json()) as Membership;
  }
}

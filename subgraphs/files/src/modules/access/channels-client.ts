import { internalHeaders } from '@trae/kit';

export type ChannelRole = 'OWNER' | 'EDITOR' | 'VIEWER';
export type ChannelStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED';

export interface Membership {
  role: ChannelRole;
  status: ChannelStatus;
}

export class ChannelsUnavailable extends Error {}

/** Asks the channels service whether a user belongs to a channel (its `/internal` route). */
export class ChannelsClient {
  constructor(
    private readonly channelsUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 3_000,
  ) {}

  async membership(channelId: string, userId: string, requestId?: string): Promise<Membership | null> {
    const url = `${this.channelsUrl}/internal/channels/${encodeURIComponent(channelId)}/members/${encodeURIComponent(userId)}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: internalHeaders(this.secret, requestId),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ChannelsUnavailable(`channels unreachable: ${(err as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ChannelsUnavailable(`channels answered HTTP ${res.status}`);
    }
    const body = (await res.json()) as Partial<Membership>;
    if (!body.role || !body.status) throw new ChannelsUnavailable('channels answered without role or status');
    return { role: body.role, status: body.status };
  }
}

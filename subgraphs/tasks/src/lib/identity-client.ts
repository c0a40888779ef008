import { internalHeaders, type RoleName } from '@trae/kit';

export interface Authority {
  role: RoleName;
  disabled: boolean;
}

/**
 * Asks identity (which owns users) what a user may do right now: their role and whether they are
 * disabled, or null when they no longer exist. Answers are kept `cacheMs`, so a burst of runs of one
 * user costs one request, and a demotion or a disable reaches the next run after at most that long.
 */
export class IdentityClient {
  private readonly cache = new Map<string, { at: number; value: Promise<Authority | null> }>();

  constructor(
    private readonly identityUrl: string,
    private readonly secret: string,
    private readonly cacheMs: number,
  ) {}

  authority(userId: string): Promise<Authority | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && now - hit.at < this.cacheMs) return hit.value;
    const value = this.fetch(userId);
    this.cache.set(userId, { at: now, value });
    // A failed lookup is not remembered: the next run asks again.
    value.catch(() => this.cache.delete(userId));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private async fetch(userId: string): Promise<Authority | null> {
    const url = new URL(`/internal/users/${encodeURIComponent(userId)}/authority`, this.identityUrl);
    let res: Response;
    try {
      res = await fetch(url, { headers: internalHeaders(this.secret), signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      throw new Error(`the identity service is unreachable: ${(err as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`identity answered HTTP ${res.status} for a user's authority`);
    }
    const body = (await res.json()) as Partial<Authority>;
    return { role: body.role ?? 'GUEST', disabled: body.disabled !== false };
  }
}

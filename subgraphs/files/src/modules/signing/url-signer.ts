import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedAction = 'upload' | 'download';
export type Verdict = 'ok' | 'invalid' | 'expired';

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/**
 * Capability URLs for the bytes: an HMAC over (action, file id, expiry), so a URL opens one file for one
 * action until it expires, and changing any part of it breaks the signature.
 */
export class UrlSigner {
  constructor(
    private readonly secret: string,
    /** The public origin (the gateway), where `/files/*` is proxied to us. */
    private readonly baseUrl: string,
  ) {}

  private signature(action: SignedAction, id: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${action}\n${id}\n${expires}`).digest('base64url');
  }

  private sign(action: SignedAction, id: string, path: string, expiresAt: Date): SignedUrl {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const url = new URL(path, this.baseUrl);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.signature(action, id, expires));
    return { url: url.toString(), expiresAt: new Date(expires * 1000) };
  }

  uploadUrl(id: string, expiresAt: Date): SignedUrl {
    return this.sign('upload', id, `/files/uploads/${id}`, expiresAt);
  }

  downloadUrl(id: string, ttlSeconds: number, now = Date.now()): SignedUrl {
    // Rounded to the minute, so one file's URL is stable within a minute and caches can share it.
    const expires = Math.ceil((now + ttlSeconds * 1000) / 60_000) * 60_000;
    return this.sign('download', id, `/files/${id}/content`, new Date(expires));
  }

  verify(action: SignedAction, id: string, expires: unknown, signature: unknown, now = Date.now()): Verdict {
    if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(expires)) {
      return 'invalid';
    }
    const expected = Buffer.from(this.signature(action, id, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 <= now ? 'expired' : 'ok';
  }
}

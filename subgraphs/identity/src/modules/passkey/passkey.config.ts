import { isIP } from 'node:net';
import { z } from '@trae/kit';

/** WEBAUTHN_ORIGINS: comma-separated page origins a passkey ceremony may come from. */
export const webauthnOrigins = z
  .string()
  .optional()
  .transform((v) =>
    v?.trim()
      ? v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : undefined,
  )
  .pipe(z.array(z.url()).min(1).optional());

export interface RelyingParty {
  /** The domain passkeys are bound to (WebAuthn's RP ID). */
  id: string;
  name: string;
  /** Exact origins (`https://host[:port]`) the browser's clientDataJSON must name. */
  origins: string[];
}

interface WebauthnSettings {
  NODE_ENV: string;
  GATEWAY_URL: string;
  WEBAUTHN_RP_ID?: string;
  WEBAUTHN_RP_NAME: string;
  WEBAUTHN_ORIGINS?: string[];
}

const isAddress = (host: string) => isIP(host.replace(/^\[|\]$/g, '')) !== 0;

/**
 * The relying party from config; unset parts follow GATEWAY_URL (the dashboard's address). Browsers
 * refuse passkeys on an IP address, so the development default (127.0.0.1) becomes `localhost`.
 */
export function relyingParty(c: WebauthnSettings): RelyingParty {
  const gateway = new URL(c.GATEWAY_URL);
  const page = isAddress(gateway.hostname)
    ? new URL(`${gateway.protocol}//localhost${gateway.port ? `:${gateway.port}` : ''}`)
    : gateway;
  return {
    id: c.WEBAUTHN_RP_ID ?? page.hostname,
    name: c.WEBAUTHN_RP_NAME,
    origins: (c.WEBAUTHN_ORIGINS ?? [page.origin]).map((o) => new URL(o).origin),
  };
}

/**
 * What the config refuses: an RP ID that is an address, an origin outside the RP ID's domain (every
 * ceremony would fail), and in production a WEBAUTHN_ORIGINS entry without TLS (localhost aside, as browsers allow).
 */
export function webauthnIssues(c: WebauthnSettings, ctx: z.RefinementCtx): void {
  const rp = relyingParty(c);
  const derived = c.WEBAUTHN_ORIGINS ? '' : ' (from GATEWAY_URL; set WEBAUTHN_ORIGINS)';
  if (isAddress(rp.id) || !/^[a-z0-9.-]+$/i.test(rp.id))
    ctx.addIssue({
      code: 'custom',
      path: ['WEBAUTHN_RP_ID'],
      message: 'must be a domain name, not an address',
    });
  for (const origin of rp.origins) {
    const { hostname, protocol } = new URL(origin);
    if (hostname !== rp.id && !hostname.endsWith(`.${rp.id}`))
      ctx.addIssue({
        code: 'custom',
        path: ['WEBAUTHN_ORIGINS'],
        message: `${origin} is not within the RP ID ${rp.id}${derived}`,
      });
    // Only an origin set on purpose: one derived from a plain-http GATEWAY_URL just means no passkeys
    // (browsers offer none outside a secure context, and the dashboard then hides them).
    if (
      c.WEBAUTHN_ORIGINS &&
      c.NODE_ENV === 'production' &&
      protocol !== 'https:' &&
      hostname !== 'localhost'
    )
      ctx.addIssue({
        code: 'custom',
        path: ['WEBAUTHN_ORIGINS'],
        message: `${origin} must be https in production`,
      });
  }
}

import type { Logger, Principal } from '@trae/kit';

/** Who the edge decided the caller is, and the header to forward to subgraphs (none for guests). */
export interface EdgeIdentity {
  principal: Principal;
  authorization?: string;
}

/** What the gateway's operations carry; the data sources read the forwarded headers from it. */
export interface GatewayContext extends EdgeIdentity {
  requestId: string;
  /** The caller's address as the gateway saw it (after `trust proxy`), for subgraphs' audit logs. */
  clientIp?: string;
  /** The caller's `User-Agent`, passed on so identity can name the device of a session. */
  userAgent?: string;
  log: Logger;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by the edge-auth middleware on `/graphql`. */
      identity?: EdgeIdentity;
    }
  }
}

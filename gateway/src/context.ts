import type { Logger, Principal } from '@trae/kit';
import type { CallerBudget } from './http/rate-limit.js';

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
  /** The caller's cost budget (absent while Redis is unreachable: the limits fail open). */
  budget?: CallerBudget;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by the edge-auth middleware on `/graphql`. */
      identity?: EdgeIdentity;
      /** Set by the rate-limit middleware; the GraphQL layer spends it once it knows the cost. */
      budget?: CallerBudget;
    }
  }
}

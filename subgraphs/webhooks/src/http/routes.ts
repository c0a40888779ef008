import type { Express } from 'express';

/**
 * REST routes beside GraphQL, mounted before `/graphql`: one `<what>.route.ts` each, registered
 * here. Service-to-service ones go under `/internal/webhooks/` behind the kit's `requireInternal`.
 */
export function webhooksRoutes() {
  return (_app: Express) => {};
}

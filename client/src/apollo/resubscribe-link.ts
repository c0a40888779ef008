import { ApolloLink } from '@apollo/client';
import { defer, EMPTY, filter, repeat, timer } from 'rxjs';

/** About this long between attempts (±25 %), so tabs do not come back in step. */
export const RESUBSCRIBE_MS = 5_000;

/**
 * The gateway ends a subscription whose subgraph stayed away past SUBSCRIPTION_RESUME_MS with one
 * SERVICE_UNAVAILABLE result and a complete (docs/subscriptions.md). Opened again after a pause, the
 * page's live figures come back with the service instead of staying frozen until a reload. The
 * result itself is not passed on: the connection link (after this one) has marked the data stale.
 */
export function resubscribeLink(delayMs = RESUBSCRIBE_MS): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (operation.operationType !== 'subscription') return forward(operation);
    let ended = false;
    return defer(() => {
      ended = false;
      return forward(operation);
    }).pipe(
      filter((result) => {
        ended ||= result.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE') ?? false;
        return !ended;
      }),
      repeat({ delay: () => (ended ? timer(delayMs * (0.75 + Math.random() / 2)) : EMPTY) }),
    );
  });
}

import { StatusBadge } from '../../components/StatusBadge';
import type { WebhookEndpointRowFragment } from '../../gql/graphql';

/** ACTIVE, or DISABLED with the reason (a 410 from the receiver, or paused by hand). */
export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpointRowFragment }) {
  return (
    <>
      <StatusBadge status={endpoint.status} />
      {endpoint.disabledReason && <span className="muted"> {endpoint.disabledReason}</span>}
    </>
  );
}

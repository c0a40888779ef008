import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';

export const EndpointStatus_endpoint = graphql(`
  fragment EndpointStatus_endpoint on WebhookEndpoint {
    id
    status
    disabledReason
  }
`);

/** ACTIVE, or DISABLED with the reason (a 410 from the receiver, or paused by hand). */
export function EndpointStatus(props: { endpoint: FragmentType<typeof EndpointStatus_endpoint> }) {
  const endpoint = getFragmentData(EndpointStatus_endpoint, props.endpoint);
  return (
    <>
      <StatusBadge status={endpoint.status} />
      {endpoint.disabledReason && <span className="muted"> {endpoint.disabledReason}</span>}
    </>
  );
}

import { Link } from 'react-router-dom';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatRelative } from '../../lib/format';
import { EndpointActions } from './EndpointActions';
import { EndpointStatus } from './EndpointStatus';

export const EndpointRow_endpoint = graphql(`
  fragment EndpointRow_endpoint on WebhookEndpoint {
    id
    url
    eventTypes
    createdAt
    ...EndpointStatus_endpoint
    ...EndpointActions_endpoint
  }
`);

export function EndpointRow(props: { endpoint: FragmentType<typeof EndpointRow_endpoint> }) {
  const endpoint = getFragmentData(EndpointRow_endpoint, props.endpoint);
  return (
    <tr>
      <th scope="row">
        <Link to={`/webhook-endpoints/${endpoint.id}`}>{endpoint.url}</Link>
      </th>
      <td>{endpoint.eventTypes.join(', ')}</td>
      <td>
        <EndpointStatus endpoint={endpoint} />
      </td>
      <td title={endpoint.createdAt}>{formatRelative(endpoint.createdAt)}</td>
      <td>
        <EndpointActions endpoint={endpoint} />
      </td>
    </tr>
  );
}

import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { DeliveryLog } from './DeliveryLog';
import { EndpointActions } from './EndpointActions';
import { EndpointStatus } from './EndpointStatus';
import { SendTestButton } from './SendTestButton';

export const WebhookEndpointPageQuery = graphql(`
  query WebhookEndpointPage($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      url
      eventTypes
      status
      createdAt
      ...EndpointStatus_endpoint
      ...EndpointActions_endpoint
    }
  }
`);

/** One endpoint: what it receives, whether it is on, and every delivery attempt. */
export default function WebhookEndpointPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(WebhookEndpointPageQuery, { variables: { id } });
  const endpoint = data?.webhookEndpoint;

  if (loading && !data) return <Loading label="Loading the endpoint" />;
  if (error && !data)
    return <ErrorMessage error={error} title="Could not load the endpoint" onRetry={() => void refetch()} />;
  if (!endpoint) {
    return (
      <section className="page" aria-labelledby="endpoint-missing-title">
        <h1 id="endpoint-missing-title">Endpoint not found</h1>
        <p>
          It does not exist or is not yours. <Link to="/webhook-endpoints">Back to endpoints</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page" aria-labelledby="endpoint-title">
      <p>
        <Link to="/webhook-endpoints">← Webhook endpoints</Link>
      </p>
      <div className="page-head">
        <h1 id="endpoint-title" className="break-anywhere">
          {endpoint.url}
        </h1>
        <EndpointActions endpoint={endpoint} onDeleted={() => navigate('/webhook-endpoints')} />
      </div>
      <SendTestButton endpointId={endpoint.id} disabled={endpoint.status !== 'ACTIVE'} />
      <dl className="facts facts-wide">
        <dt>Status</dt>
        <dd>
          <EndpointStatus endpoint={endpoint} />
        </dd>
        <dt>Events</dt>
        <dd>{endpoint.eventTypes.join(', ')}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(endpoint.createdAt)}</dd>
      </dl>
      <DeliveryLog endpointId={endpoint.id} />
    </section>
  );
}

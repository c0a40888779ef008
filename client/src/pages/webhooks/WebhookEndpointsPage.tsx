import { useQuery } from '@apollo/client/react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ShowMore } from '../../components/ShowMore';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import { appendPage } from '../../lib/paging';
import { CreateEndpointForm } from './CreateEndpointForm';
import { EndpointRow } from './EndpointRow';

export const WebhookEndpointsPageQuery = graphql(`
  query WebhookEndpointsPage($first: Int, $after: String) {
    webhookEndpoints(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...EndpointRow_endpoint
        }
      }
    }
    webhookEventTypes
  }
`);

/** Your outbound webhooks: where your events go, whether they still go, and a form for a new one. */
export default function WebhookEndpointsPage() {
  const { data, loading, error, refetch, fetchMore } = useQuery(WebhookEndpointsPageQuery, {
    variables: { first: 25 },
  });
  const rows = data?.webhookEndpoints.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" aria-labelledby="endpoints-title">
      <h1 id="endpoints-title">Webhook endpoints</h1>
      <p className="muted">
        Your events, signed per Standard Webhooks, sent to URLs of yours. Failed deliveries are retried for
        about three days; a receiver that answers 410 Gone is disabled.
      </p>
      {error && !data && (
        <ErrorMessage error={error} title="Could not load endpoints" onRetry={() => void refetch()} />
      )}
      {loading && !data && <Loading label="Loading endpoints" />}
      {data && <CreateEndpointForm eventTypes={data.webhookEventTypes} />}
      <section aria-labelledby="endpoint-list-title">
        <h2 id="endpoint-list-title">
          Endpoints {data && <span className="muted">({data.webhookEndpoints.totalCount})</span>}
        </h2>
        {data && rows.length === 0 && (
          <EmptyState title="No endpoints yet">Add a URL above to be told when your tasks end.</EmptyState>
        )}
        {rows.length > 0 && (
          <TableScroll label="Endpoints">
            <table>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((endpoint) => (
                  <EndpointRow key={endpoint.id} endpoint={endpoint} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore
          what="endpoints"
          loading={loading}
          pageInfo={data?.webhookEndpoints.pageInfo}
          onMore={(after) =>
            void fetchMore({ variables: { after }, updateQuery: appendPage('webhookEndpoints') })
          }
        />
      </section>
    </section>
  );
}

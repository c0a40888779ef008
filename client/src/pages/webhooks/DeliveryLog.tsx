import { useQuery } from '@apollo/client/react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ShowMore } from '../../components/ShowMore';
import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import { formatDateTime, formatMs } from '../../lib/format';
import { appendPage } from '../../lib/paging';

export const DeliveryLogQuery = graphql(`
  query DeliveryLog($endpointId: ID!, $first: Int, $after: String) {
    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          messageId
          eventType
          attempt
          statusCode
          latencyMs
          responseExcerpt
          error
          createdAt
        }
      }
    }
  }
`);

/** A 2xx answer is a delivery; anything else (or no answer at all) will be tried again. */
const delivered = (statusCode: number | null) => statusCode != null && statusCode >= 200 && statusCode < 300;

/** Every try at delivering to one endpoint, newest first, a page at a time; polled while open. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(DeliveryLogQuery, {
    variables: { endpointId, first: 20 },
    pollInterval: 5_000,
  });
  const attempts = data?.webhookEndpointAttempts.edges.map((e) => e.node) ?? [];

  return (
    <section aria-labelledby="delivery-log-title">
      <h2 id="delivery-log-title">
        Delivery log {data && <span className="muted">({data.webhookEndpointAttempts.totalCount})</span>}
      </h2>
      {error && !data && (
        <ErrorMessage error={error} title="Could not load the delivery log" onRetry={() => void refetch()} />
      )}
      {loading && !data && <Loading label="Loading the delivery log" />}
      {data && attempts.length === 0 && (
        <EmptyState title="Nothing sent yet">
          Attempts appear here when one of your events happens.
        </EmptyState>
      )}
      {attempts.length > 0 && (
        <TableScroll label="Delivery attempts">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Result</th>
                <th scope="col">HTTP status</th>
                <th scope="col">Latency</th>
                <th scope="col">Try</th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  </th>
                  <td>
                    <code>{a.eventType}</code>
                  </td>
                  <td>
                    <StatusBadge
                      status={delivered(a.statusCode) ? 'DELIVERED' : 'FAILED'}
                      tone={delivered(a.statusCode) ? 'ok' : 'bad'}
                    />
                  </td>
                  <td>{a.statusCode ?? '—'}</td>
                  <td>{formatMs(a.latencyMs)}</td>
                  <td title={`webhook-id ${a.messageId}`}>{a.attempt}</td>
                  <td className="excerpt">{a.error ?? a.responseExcerpt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ShowMore
        what="attempts"
        loading={loading}
        pageInfo={data?.webhookEndpointAttempts.pageInfo}
        onMore={(after) =>
          void fetchMore({ variables: { after }, updateQuery: appendPage('webhookEndpointAttempts') })
        }
      />
    </section>
  );
}

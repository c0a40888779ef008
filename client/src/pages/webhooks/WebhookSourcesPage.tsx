import { useQuery } from '@apollo/client/react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ShowMore } from '../../components/ShowMore';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import { appendPage } from '../../lib/paging';
import { CreateSourceForm } from './CreateSourceForm';
import { SourceRow } from './SourceRow';

export const WebhookSourcesPageQuery = graphql(`
  query WebhookSourcesPage($first: Int, $after: String) {
    webhookSources(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...SourceRow_source
        }
      }
    }
  }
`);

/** Inbound webhooks (ADMIN): who may call `POST /webhooks/<id>`, and what their payloads do. */
export default function WebhookSourcesPage() {
  const { data, loading, error, refetch, fetchMore } = useQuery(WebhookSourcesPageQuery, {
    variables: { first: 25 },
  });
  const rows = data?.webhookSources.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" aria-labelledby="sources-title">
      <h1 id="sources-title">Webhook sources</h1>
      <CreateSourceForm />
      <section aria-labelledby="source-list-title">
        <h2 id="source-list-title">
          Sources {data && <span className="muted">({data.webhookSources.totalCount})</span>}
        </h2>
        {error && !data && (
          <ErrorMessage error={error} title="Could not load sources" onRetry={() => void refetch()} />
        )}
        {loading && !data && <Loading label="Loading sources" />}
        {data && rows.length === 0 && (
          <EmptyState title="No sources yet">Register a sender above to accept its webhooks.</EmptyState>
        )}
        {rows.length > 0 && (
          <TableScroll label="Sources">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Action</th>
                  <th scope="col">Signature</th>
                  <th scope="col">Secrets</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((source) => (
                  <SourceRow key={source.id} source={source} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ShowMore
          what="sources"
          loading={loading}
          pageInfo={data?.webhookSources.pageInfo}
          onMore={(after) =>
            void fetchMore({ variables: { after }, updateQuery: appendPage('webhookSources') })
          }
        />
      </section>
    </section>
  );
}

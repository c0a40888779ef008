import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ShowMore } from '../../components/ShowMore';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { appendPage } from '../../lib/paging';

export const ReceivedPayloadsQuery = graphql(`
  query ReceivedPayloads($sourceId: ID!, $first: Int, $after: String) {
    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          webhookId
          status
          error
          taskId
          body
          createdAt
        }
      }
    }
  }
`);

/** Answers with the webhook's new outcome, which the cache merges into its row by id. */
export const ReplayPayloadMutation = graphql(`
  mutation ReplayInboundWebhook($id: ID!) {
    replayInboundWebhook(id: $id) {
      id
      webhookId
      status
      error
      taskId
    }
  }
`);

/** The longest body shown inline; the rest is one click away. */
const PREVIEW_CHARS = 2_000;

/** What one source sent, newest first, each with its outcome and a Replay button. */
export function ReceivedPayloads({ sourceId }: { sourceId: string }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(ReceivedPayloadsQuery, {
    variables: { sourceId, first: 20 },
    pollInterval: 10_000,
  });
  // The answer carries the webhook's new status; the cache updates its row by id.
  const [replay, replayState] = useMutation(ReplayPayloadMutation);
  const rows = data?.webhookDeliveries.edges.map((e) => e.node) ?? [];

  return (
    <section aria-labelledby="payloads-title">
      <h2 id="payloads-title">
        Received payloads {data && <span className="muted">({data.webhookDeliveries.totalCount})</span>}
      </h2>
      {error && !data && (
        <ErrorMessage error={error} title="Could not load received payloads" onRetry={() => void refetch()} />
      )}
      {replayState.error && <ErrorMessage error={replayState.error} title="Could not replay" />}
      <p role="status" className="muted">
        {replayState.data &&
          `Replayed ${replayState.data.replayInboundWebhook.webhookId}: ${replayState.data.replayInboundWebhook.status.toLowerCase()}.`}
      </p>
      {loading && !data && <Loading label="Loading received payloads" />}
      {data && rows.length === 0 && (
        <EmptyState title="Nothing received yet">Signed requests to this source are kept here.</EmptyState>
      )}
      <ul className="list">
        {rows.map((hook) => (
          <li key={hook.id}>
            <div className="card-head">
              <span>
                <StatusBadge status={hook.status} />{' '}
                <time dateTime={hook.createdAt}>{formatDateTime(hook.createdAt)}</time>{' '}
                <code className="muted">{hook.webhookId}</code>
                {hook.taskId && (
                  <>
                    {' '}
                    · <Link to={`/tasks/${hook.taskId}`}>its task</Link>
                  </>
                )}
              </span>
              <button
                type="button"
                className="button button-small"
                disabled={replayState.loading}
                onClick={() => void replay({ variables: { id: hook.id } }).catch(() => undefined)}
              >
                Replay<span className="sr-only"> {hook.webhookId}</span>
              </button>
            </div>
            {hook.error && <p className="notice notice-error">{hook.error}</p>}
            <details>
              <summary>Body ({hook.body.length} characters)</summary>
              <pre className="code">
                {hook.body.length > PREVIEW_CHARS ? `${hook.body.slice(0, PREVIEW_CHARS)}…` : hook.body}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      <ShowMore
        what="payloads"
        loading={loading}
        pageInfo={data?.webhookDeliveries.pageInfo}
        onMore={(after) =>
          void fetchMore({ variables: { after }, updateQuery: appendPage('webhookDeliveries') })
        }
      />
    </section>
  );
}

import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import type { TaskStatus } from '../../gql/graphql';
import { FINISHED } from './task-status';
import { CancelTaskDocument, RetryTaskDocument } from './tasks.operations';

/** At most this many mutations in flight: 500 selected tasks must not open 500 requests at once. */
const PARALLEL = 8;

async function eachLimited<T>(items: T[], run: (item: T) => Promise<unknown>) {
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await run(item).catch(() => {
        failed += 1;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return failed;
}

interface SelectedTask {
  id: string;
  status: TaskStatus;
}

interface Props {
  selected: SelectedTask[];
  /** Told what happened, in a sentence, once every mutation has answered. */
  onDone(note: string): void;
}

/**
 * Retry or cancel the selected tasks, one `retryTask` / `cancelTask` each, so the server checks
 * every task's owner as it does for one. Each answer updates its row in the cache.
 */
export function BulkActions({ selected, onDone }: Props) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const cancellable = selected.filter((t) => !FINISHED.has(t.status));
  const retryable = selected.filter((t) => t.status === 'FAILED' || t.status === 'CANCELLED');
  const act = async (verb: string, tasks: SelectedTask[], retry: boolean) => {
    setBusy(true);
    const failed = await eachLimited(tasks, (t) =>
      retry
        ? client.mutate({ mutation: RetryTaskDocument, variables: { id: t.id } })
        : client.mutate({ mutation: CancelTaskDocument, variables: { id: t.id } }),
    );
    setBusy(false);
    onDone(`${verb} ${tasks.length - failed} of ${tasks.length}${failed ? `; ${failed} could not be` : ''}.`);
  };
  return (
    <div className="actions" role="toolbar" aria-label="Selected tasks">
      <span className="muted">{selected.length} selected</span>
      <button
        type="button"
        className="button button-small"
        disabled={busy || retryable.length === 0}
        onClick={() => void act('Retried', retryable, true)}
      >
        Retry {retryable.length}
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={busy || cancellable.length === 0}
        onClick={() => void act('Cancelled', cancellable, false)}
      >
        Cancel {cancellable.length}
      </button>
      {busy && <span className="muted">Working…</span>}
    </div>
  );
}

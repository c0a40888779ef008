import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { TaskRowFragment } from '../../gql/graphql';
import { frameBatch } from '../../lib/frame-batch';
import { TaskRowFragment as TaskRowDoc, TasksPageUpdatesDocument } from './tasks.operations';

/**
 * Applies a frame's `taskUpdated` events to the cache in one write (one broadcast, one render).
 * Returns the ids `isNew` picks (tasks the list does not hold but would): the list shows them when the
 * reader asks, not by a refetch per event.
 */
export function applyTaskUpdates(
  client: Pick<ApolloClient, 'cache'>,
  tasks: TaskRowFragment[],
  isNew: (task: TaskRowFragment) => boolean,
): string[] {
  const fresh: string[] = [];
  client.cache.batch({
    update: (cache) => {
      for (const task of tasks) {
        if (isNew(task)) fresh.push(task.id);
        cache.writeFragment({ fragment: TaskRowDoc, fragmentName: 'TaskRow', data: task });
      }
    },
  });
  return fresh;
}

/**
 * Live rows for the Tasks list, batched per animation frame; `fresh` counts the distinct tasks `isNew`
 * picked since the last `clearFresh` (one task's queued, running and succeeded events count once).
 */
export function useTaskUpdates(isNew: (task: TaskRowFragment) => boolean) {
  const client = useApolloClient();
  const [fresh, setFresh] = useState(0);
  const seen = useRef(new Set<string>());
  // Read through a ref: the list changes every page, the subscription should not restart with it.
  const pick = useRef(isNew);
  pick.current = isNew;
  useEffect(() => {
    const batch = frameBatch<TaskRowFragment>(
      (t) => t.id,
      (tasks) => {
        const before = seen.current.size;
        for (const id of applyTaskUpdates(client, tasks, (t) => pick.current(t))) seen.current.add(id);
        if (seen.current.size !== before) setFresh(seen.current.size);
      },
    );
    const sub = client.subscribe({ query: TasksPageUpdatesDocument }).subscribe({
      next: ({ data }) => {
        if (data?.taskUpdated) batch.push(data.taskUpdated);
      },
    });
    return () => {
      sub.unsubscribe();
      batch.stop();
    };
  }, [client]);
  const clearFresh = () => {
    seen.current = new Set();
    setFresh(0);
  };
  return { fresh, clearFresh };
}

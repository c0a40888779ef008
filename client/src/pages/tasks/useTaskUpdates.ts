import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { TaskRowFragment } from '../../gql/graphql';
import { frameBatch } from '../../lib/frame-batch';
import { TaskRowFragment as TaskRowDoc, TasksPageUpdatesDocument } from './tasks.operations';

/**
 * Applies a frame's `taskUpdated` events to the cache in one write (one broadcast, one render);
 * `known` tells whether the current list already holds that task.
 * Returns how many tasks are not in it yet: the list shows them when the reader asks, not by a refetch per event.
 */
export function applyTaskUpdates(
  client: Pick<ApolloClient, 'cache'>,
  tasks: TaskRowFragment[],
  known: (id: string) => boolean,
): number {
  let unseen = 0;
  client.cache.batch({
    update: (cache) => {
      for (const task of tasks) {
        if (!known(task.id)) unseen += 1;
        cache.writeFragment({ fragment: TaskRowDoc, fragmentName: 'TaskRow', data: task });
      }
    },
  });
  return unseen;
}

/** Live rows for the Tasks list, batched per animation frame; `fresh` counts tasks the list does not show yet. */
export function useTaskUpdates(known: (id: string) => boolean) {
  const client = useApolloClient();
  const [fresh, setFresh] = useState(0);
  // Read through a ref: the list changes every page, the subscription should not restart with it.
  const isKnown = useRef(known);
  isKnown.current = known;
  useEffect(() => {
    const batch = frameBatch<TaskRowFragment>(
      (t) => t.id,
      (tasks) => {
        const unseen = applyTaskUpdates(client, tasks, (id) => isKnown.current(id));
        if (unseen) setFresh((n) => n + unseen);
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
  return { fresh, clearFresh: () => setFresh(0) };
}

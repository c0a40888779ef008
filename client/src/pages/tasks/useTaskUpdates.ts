import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { graphql } from '../../gql';
import type { TaskUpdates_TaskFragment } from '../../gql/graphql';
import { frameBatch } from '../../lib/frame-batch';

/** What the list knows of a task: what the page filters and selects by, and the row's own fragment. */
export const TaskUpdates_task = graphql(`
  fragment TaskUpdates_task on Task {
    id
    status
    agent
    type
    ...TaskListRow_task
  }
`);

/** The Tasks list's live rows: only the row's fields, no logs, since thousands may arrive a minute. */
export const TasksPageUpdatesSubscription = graphql(`
  subscription TasksPageUpdates {
    taskUpdated {
      id
      status
      agent
      type
      ...TaskListRow_task
    }
  }
`);

export type ListedTask = TaskUpdates_TaskFragment;

/**
 * Applies a frame's `taskUpdated` events to the cache in one write (one broadcast, one render).
 * Returns the ids `isNew` picks (tasks the list does not hold but would): the list shows them when the
 * reader asks, not by a refetch per event.
 */
export function applyTaskUpdates(
  client: Pick<ApolloClient, 'cache'>,
  tasks: ListedTask[],
  isNew: (task: ListedTask) => boolean,
): string[] {
  const fresh: string[] = [];
  client.cache.batch({
    update: (cache) => {
      for (const task of tasks) {
        if (isNew(task)) fresh.push(task.id);
        cache.writeFragment({ fragment: TaskUpdates_task, fragmentName: 'TaskUpdates_task', data: task });
      }
    },
  });
  return fresh;
}

/**
 * How many distinct tasks `isNew` picked, outside React state: a frame's events then re-render the
 * "Show N new tasks" button (`useFreshCount`), not the whole Tasks page with its forms and rows.
 */
export class FreshTasks {
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<() => void>();

  count = (): number => this.ids.size;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  add(ids: readonly string[]): void {
    const before = this.ids.size;
    for (const id of ids) this.ids.add(id);
    if (this.ids.size !== before) this.emit();
  }

  clear(): void {
    if (this.ids.size === 0) return;
    this.ids.clear();
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export function useFreshCount(fresh: FreshTasks): number {
  return useSyncExternalStore(fresh.subscribe, fresh.count);
}

/**
 * Live rows for the Tasks list, batched per animation frame; `fresh` counts the distinct tasks `isNew`
 * picked since the last `clearFresh` (one task's queued, running and succeeded events count once).
 */
export function useTaskUpdates(isNew: (task: ListedTask) => boolean) {
  const client = useApolloClient();
  const [fresh] = useState(() => new FreshTasks());
  // Read through a ref: the list changes every page, the subscription should not restart with it.
  const pick = useRef(isNew);
  pick.current = isNew;
  useEffect(() => {
    const batch = frameBatch<ListedTask>(
      (t) => t.id,
      (tasks) => fresh.add(applyTaskUpdates(client, tasks, (t) => pick.current(t))),
    );
    // `no-cache`: Apollo would otherwise write every event to the cache as it arrives (a write and a
    // broadcast per event, half the page's main-thread time under 2,000 events); the frame batch writes.
    const sub = client.subscribe({ query: TasksPageUpdatesSubscription, fetchPolicy: 'no-cache' }).subscribe({
      next: ({ data }) => {
        if (data?.taskUpdated) batch.push(data.taskUpdated);
      },
    });
    return () => {
      sub.unsubscribe();
      batch.stop();
    };
  }, [client, fresh]);
  return { fresh, clearFresh: () => fresh.clear() };
}

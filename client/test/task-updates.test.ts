import { ApolloClient, InMemoryCache } from '@apollo/client';
import { describe, expect, it, vi } from 'vitest';
import { getFragmentData, makeFragmentData } from '../src/gql';
import type { TaskStatus } from '../src/gql/graphql';
import { frameBatch } from '../src/lib/frame-batch';
import { TaskListRow_task } from '../src/pages/tasks/TaskListRow';
import { filtersFrom, mayMatch, paramsOf } from '../src/pages/tasks/task-filters';
import { applyTaskUpdates, type ListedTask, TaskUpdates_task } from '../src/pages/tasks/useTaskUpdates';

/** A scheduler whose frames run when the test says so. */
function manualFrames() {
  const queued = new Map<number, () => void>();
  let next = 1;
  return {
    request: (run: () => void) => {
      queued.set(next, run);
      return next++;
    },
    cancel: (handle: number) => void queued.delete(handle),
    frame() {
      const runs = [...queued.values()];
      queued.clear();
      for (const run of runs) run();
    },
    get pending() {
      return queued.size;
    },
  };
}

/** A live event's task, as the list's subscription selects it (its own fields and the row's). */
const task = (id: string, status: TaskStatus, progress = 0): ListedTask => ({
  __typename: 'Task',
  id,
  agent: 'system',
  type: 'noop',
  status,
  ...makeFragmentData(
    {
      __typename: 'Task',
      id,
      type: 'noop',
      agent: 'system',
      status,
      progress,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    TaskListRow_task,
  ),
});
const progressOf = (t: ListedTask | undefined) =>
  t ? getFragmentData(TaskListRow_task, t).progress : undefined;

describe('task updates batched per animation frame', () => {
  it('flushes once per frame with the latest event of each task, in arrival order', () => {
    const frames = manualFrames();
    const flushed: ListedTask[][] = [];
    const batch = frameBatch<ListedTask>(
      (t) => t.id,
      (items) => flushed.push(items),
      frames,
    );

    for (let i = 0; i < 2000; i++) batch.push(task(`t${i % 50}`, 'RUNNING', i % 101));
    expect(frames.pending).toBe(1);
    frames.frame();
    batch.push(task('t1', 'SUCCEEDED', 100));
    frames.frame();
    frames.frame();

    expect(flushed).toHaveLength(2);
    expect(flushed[0]).toHaveLength(50);
    expect(flushed[0][0].id).toBe('t0');
    expect(progressOf(flushed[0].find((t) => t.id === 't7'))).toBe(1957 % 101);
    expect(flushed[1]).toEqual([task('t1', 'SUCCEEDED', 100)]);
  });

  it('drops waiting events on stop, so an unmounted page writes nothing', () => {
    const frames = manualFrames();
    const flushed: unknown[] = [];
    const batch = frameBatch<ListedTask>(
      (t) => t.id,
      (items) => flushed.push(items),
      frames,
    );

    batch.push(task('a', 'QUEUED'));
    batch.stop();
    frames.frame();

    expect(flushed).toEqual([]);
    expect(frames.pending).toBe(0);
  });

  it('writes a frame of tasks to the cache with one broadcast and names those the list lacks', () => {
    const client = new ApolloClient({ cache: new InMemoryCache(), link: { request: () => null } as never });
    client.cache.writeFragment({
      fragment: TaskUpdates_task,
      fragmentName: 'TaskUpdates_task',
      data: task('a', 'QUEUED'),
    });
    const broadcasts = vi.spyOn(client.cache as unknown as { broadcastWatches(): void }, 'broadcastWatches');

    const fresh = applyTaskUpdates(
      client,
      [task('a', 'RUNNING', 10), task('a', 'SUCCEEDED', 100), task('b', 'QUEUED'), task('c', 'QUEUED')],
      (t) => t.id !== 'a',
    );

    expect(fresh).toEqual(['b', 'c']);
    expect(broadcasts).toHaveBeenCalledTimes(1);
    const a = client.cache.readFragment({ fragment: TaskListRow_task, id: 'Task:a' });
    expect(a?.progress).toBe(100);
  });
});

describe('mayMatch: the filters a live row can be checked against in the browser', () => {
  const none = filtersFrom(new URLSearchParams());

  it('keeps status, agent and type to the filter, and leaves search, channel and creator to the server', () => {
    const row = task('x', 'RUNNING');

    expect(mayMatch(row, none)).toBe(true);
    expect(mayMatch(row, { ...none, status: 'RUNNING', agent: 'system', type: 'noop' })).toBe(true);
    expect(mayMatch(row, { ...none, status: 'SUCCEEDED' })).toBe(false);
    expect(mayMatch(row, { ...none, agent: 'content' })).toBe(false);
    expect(mayMatch(row, { ...none, type: 'health_check' })).toBe(false);
    expect(mayMatch(row, { ...none, search: 'anything', createdBy: 'someone' })).toBe(true);
  });

  it('reads filters from the URL, dropping an unknown status or range', () => {
    const f = filtersFrom(new URLSearchParams('status=NOPE&range=1y&agent=system&search=heat'));

    expect(f).toMatchObject({ status: '', range: '', agent: 'system', search: 'heat' });
    expect(paramsOf(f)).toEqual({ agent: 'system', search: 'heat' });
  });
});

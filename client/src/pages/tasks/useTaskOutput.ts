import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { TaskStatus } from '../../gql/graphql';
import { addChunk, EMPTY_OUTPUT, type OutputChunk, type OutputState } from './task-output';
import { FINISHED } from './task-status';
import { TaskOutputDocument } from './tasks.operations';

interface TaskOutputSource {
  status: TaskStatus;
  attempts: number;
  output?: string | null;
}

/**
 * A running task's text as its model writes it: what `Task.output` held when the page read it, then the
 * pieces of `taskOutput(id)`. A piece past the known end means some were missed: `refetch` reads
 * `Task.output` again, and it is merged in like any piece.
 */
export function useTaskOutput(id: string, task: TaskOutputSource | null | undefined, refetch: () => unknown) {
  const [state, setState] = useState<OutputState>(EMPTY_OUTPUT);
  const current = useRef(state);
  const add = (chunk: OutputChunk) => {
    const next = addChunk(current.current, chunk);
    current.current = next.state;
    setState(next.state);
    return next.gap;
  };
  const seed = task?.output;
  const attempt = task?.attempts ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `add` only reads the ref.
  useEffect(() => {
    if (seed) add({ attempt, offset: 0, text: seed, done: false });
  }, [seed, attempt]);
  const sub = useSubscription(TaskOutputDocument, {
    variables: { id },
    skip: !task || FINISHED.has(task.status),
    onData: ({ data }) => {
      const chunk = data.data?.taskOutput;
      if (chunk && add(chunk)) void refetch();
    },
  });
  return { ...state, error: sub.error };
}

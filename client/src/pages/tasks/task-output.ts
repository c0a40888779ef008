/** What the page knows of a task's streamed text: one attempt's characters from offset 0. */
export interface OutputState {
  attempt: number;
  text: string;
  done: boolean;
}

export interface OutputChunk {
  attempt: number;
  offset: number;
  text: string;
  done: boolean;
}

export const EMPTY_OUTPUT: OutputState = { attempt: 0, text: '', done: false };

/**
 * Adds a piece of `taskOutput` to what is known. Pieces overlap what is known when a subscription is
 * reopened (the server sends the text so far again): the overlap is dropped. A newer attempt starts
 * again. `gap` says a piece starts past the known end (something was missed): read `Task.output` again.
 */
export function addChunk(state: OutputState, chunk: OutputChunk): { state: OutputState; gap: boolean } {
  if (chunk.attempt < state.attempt) return { state, gap: false };
  const known = chunk.attempt > state.attempt ? { ...EMPTY_OUTPUT, attempt: chunk.attempt } : state;
  if (chunk.offset > known.text.length) return { state: known, gap: true };
  const fresh = chunk.text.slice(known.text.length - chunk.offset);
  return {
    state: { attempt: chunk.attempt, text: known.text + fresh, done: known.done || chunk.done },
    gap: false,
  };
}

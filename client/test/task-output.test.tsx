import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Observable, type Subscriber } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskOutputView } from '../src/pages/tasks/TaskOutputView';
import { addChunk, EMPTY_OUTPUT } from '../src/pages/tasks/task-output';
import { useTaskOutput } from '../src/pages/tasks/useTaskOutput';

afterEach(cleanup);

const piece = (attempt: number, offset: number, text: string, done = false) => ({
  attempt,
  offset,
  text,
  done,
});

describe('addChunk', () => {
  it('grows the text, drops what it already has, starts again for a new attempt, and reports gaps', () => {
    let s = addChunk(EMPTY_OUTPUT, piece(1, 0, 'Hello')).state;
    s = addChunk(s, piece(1, 0, 'Hello, wor')).state;
    s = addChunk(s, piece(1, 10, 'ld')).state;
    expect(s).toEqual({ attempt: 1, text: 'Hello, world', done: false });
    expect(addChunk(s, piece(1, 20, 'later'))).toEqual({ state: s, gap: true });
    expect(addChunk(s, piece(0, 0, 'old')).state).toBe(s);
    expect(addChunk(s, piece(2, 0, 'Again')).state).toEqual({ attempt: 2, text: 'Again', done: false });
    expect(addChunk(s, piece(1, 12, '', true)).state.done).toBe(true);
  });
});

/** A client whose `taskOutput` pieces the test sends by hand. */
function streamingClient() {
  const subscribers: Subscriber<ApolloLink.Result>[] = [];
  const link = new ApolloLink(
    () =>
      new Observable<ApolloLink.Result>((subscriber) => {
        subscribers.push(subscriber);
      }),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const send = (p: ReturnType<typeof piece>) =>
    act(() => {
      for (const s of subscribers)
        s.next({ data: { taskOutput: { __typename: 'TaskOutput', taskId: 't1', ...p } } });
    });
  return { client, send, subscribers };
}

function Probe({ output, refetch }: { output: string | null; refetch: () => void }) {
  const o = useTaskOutput('t1', { status: 'RUNNING', attempts: 1, output }, refetch);
  return <TaskOutputView text={o.text} writing={!o.done} />;
}

describe('useTaskOutput on the task page', () => {
  it('shows the text so far, then grows it piece by piece in a fixed box that is not a live region', async () => {
    const { client, send, subscribers } = streamingClient();
    let refetched = 0;
    render(
      <ApolloProvider client={client}>
        <Probe output="Once upon" refetch={() => refetched++} />
      </ApolloProvider>,
    );
    const box = screen.getByLabelText('Model output');
    expect(box.textContent).toBe('Once upon');
    await expect.poll(() => subscribers.length).toBe(1);

    send(piece(1, 0, 'Once upon a'));
    send(piece(1, 11, ' time'));
    expect(box.textContent).toBe('Once upon a time');
    expect(box.getAttribute('aria-busy')).toBe('true');
    expect(box.getAttribute('aria-live')).toBeNull();
    expect(box.className).toContain('task-output');

    send(piece(1, 40, 'missed'));
    expect(refetched).toBe(1);
    expect(box.textContent).toBe('Once upon a time');

    send(piece(1, 16, '.', true));
    expect(box.textContent).toBe('Once upon a time.');
    expect(box.getAttribute('aria-busy')).toBe('false');
  });
});

import type { ExecutionResult } from 'graphql';

/**
 * One client subscription's outbox. graphql-ws pulls the next result only after the previous one was
 * flushed to the client's socket, so a slow reader leaves results here; past `max` the queue gives
 * up on that reader (`onOverflow`) instead of letting the gateway's memory grow.
 */
export class SubscriberQueue implements AsyncIterableIterator<ExecutionResult> {
  private readonly items: ExecutionResult[] = [];
  private waiting?: (result: IteratorResult<ExecutionResult>) => void;
  private ended = false;

  constructor(
    private readonly max: number,
    private readonly onOverflow: () => void,
    private readonly onReturn: () => void,
  ) {}

  get length(): number {
    return this.items.length;
  }

  push(result: ExecutionResult): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: result, done: false });
      return;
    }
    if (this.items.length >= this.max) {
      this.end();
      this.onOverflow();
      return;
    }
    this.items.push(result);
  }

  /** Ends after what is queued has been delivered (pass a final result to send it last). */
  end(final?: ExecutionResult): void {
    if (this.ended) return;
    if (final) this.push(final);
    this.ended = true;
    if (this.waiting && this.items.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = undefined;
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const item = this.items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** The client completed or went away. */
  return(): Promise<IteratorResult<ExecutionResult>> {
    this.items.length = 0;
    this.end();
    this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

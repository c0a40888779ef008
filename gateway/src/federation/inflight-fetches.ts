/**
 * Identical requests in flight at once share one upstream call: the first caller starts it, the
 * others wait for its outcome (an answer or a failure), and the key is forgotten once it settles, so
 * nothing is cached past the call. Many clients polling one query make the same subgraph fetches at
 * the same moment; each of them would otherwise cost a request, a connection slot and a subgraph's work.
 */
export class InflightFetches<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** @param onShared called for each caller that joined a call already in flight. */
  constructor(private readonly onShared: () => void = () => {}) {}

  /** The in-flight call for `key`, or a new one started with `start`. */
  share(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.pending.get(key);
    if (running) {
      this.onShared();
      return running;
    }
    // Started on the next microtask, so even a synchronous throw settles after the key is set.
    const call = Promise.resolve()
      .then(start)
      .finally(() => this.pending.delete(key));
    this.pending.set(key, call);
    return call;
  }

  /** Calls in flight now. */
  get size(): number {
    return this.pending.size;
  }
}

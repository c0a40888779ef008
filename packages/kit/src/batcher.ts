interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Groups calls made close together into one call of `run`, with one batch in flight at a time: when
 * idle an item goes out on the next turn of the event loop (low latency); under load items pile up
 * behind the running batch and leave together (high throughput). `run` returns one output per input.
 */
export class Batcher<I, O> {
  private pending: Pending<I, O>[] = [];
  private busy = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 500,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.kick();
    });
  }

  /** Resolves once everything pushed so far has been written. */
  drain(): Promise<void> {
    if (!this.busy && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private kick() {
    if (this.busy) return;
    if (this.pending.length === 0) {
      for (const done of this.idle.splice(0)) done();
      return;
    }
    this.busy = true;
    setImmediate(() => void this.flush());
  }

  private async flush() {
    const batch = this.pending.splice(0, this.maxBatch);
    try {
      const out = await this.run(batch.map((p) => p.item));
      for (const [i, p] of batch.entries()) p.resolve(out[i]);
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.busy = false;
      this.kick();
    }
  }
}

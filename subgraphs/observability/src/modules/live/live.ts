import type { EventBus } from '@trae/kit';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';

/**
 * Live streams for subscriptions: counts open ones (the `graphql_subscriptions_active` gauge the
 * scraper reads on every service that has it), and skips publishing big payloads nobody listens to.
 */
export class Live {
  readonly gauge = new Gauge({
    name: 'graphql_subscriptions_active',
    help: 'Open GraphQL subscriptions by field',
    labelNames: ['subscription'],
    registers: [],
  });
  private listeners = new Map<string, { at: number; count: number }>();

  constructor(
    private readonly bus: EventBus,
    private readonly redis: Redis,
    private readonly prefix: string,
    names: string[] = ['metricsTick', 'logAdded'],
  ) {
    // Exposed as 0 from the start, so "none open" reads differently from "not counted".
    for (const subscription of names) this.gauge.labels({ subscription }).set(0);
  }

  /**
   * One subscriber's stream: each published payload becomes zero or more results. Hand-written
   * rather than an async generator so that `return()` releases the Redis subscription at once, even
   * while waiting for the next event.
   */
  stream<T, U>(name: string, topic: string, expand: (payload: T) => U[]): AsyncIterableIterator<U> {
    const source = this.bus.pubSub.subscribe(topic)[Symbol.asyncIterator]() as AsyncIterator<T>;
    const gauge = this.gauge.labels({ subscription: name });
    let queue: U[] = [];
    let at = 0;
    let open = true;
    gauge.inc();
    const close = async () => {
      if (open) gauge.dec();
      open = false;
      queue = [];
      await source.return?.();
      return { done: true as const, value: undefined };
    };
    return {
      async next() {
        while (open && at >= queue.length) {
          const r = await source.next();
          if (r.done) return close();
          queue = expand(r.value);
          at = 0;
        }
        if (!open) return { done: true, value: undefined };
        return { done: false, value: queue[at++] };
      },
      return: close,
      throw: async (err) => {
        await close();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Publishes unless no instance has a subscriber on the topic (checked at most once a second). */
  async publishIfHeard(topic: string, payload: unknown): Promise<boolean> {
    if (!(await this.heard(topic))) return false;
    await this.bus.publish(topic, payload);
    return true;
  }

  publish(topic: string, payload: unknown): Promise<void> {
    return this.bus.publish(topic, payload);
  }

  private async heard(topic: string): Promise<boolean> {
    const seen = this.listeners.get(topic);
    if (seen && Date.now() - seen.at < 1_000) return seen.count > 0;
    const reply = (await this.redis.pubsub('NUMSUB', `${this.prefix}${topic}`)) as [string, number];
    const count = Number(reply[1]);
    this.listeners.set(topic, { at: Date.now(), count });
    return count > 0;
  }
}

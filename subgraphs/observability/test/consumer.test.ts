import { hostname } from 'node:os';
import { LOG_STREAM } from '@trae/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_GROUP } from '../src/modules/log/log-consumer.js';
import { type Harness, startObservability } from './setup.js';
import { shippingLogger } from './support/ship.js';

const COUNT = '{ logs(first: 1) { totalCount } }';

describe('log consumer: restarts and crashes lose nothing', () => {
  let h: Harness;
  const stored = async () =>
    (await h.gql<{ logs: { totalCount: number } }>(COUNT, {}, h.admin)).data?.logs.totalCount;
  const pending = async () => Number(((await h.redis.xpending(LOG_STREAM, LOG_GROUP)) as [number])[0]);
  const ship = async (from: number, n: number) => {
    const { log, shipper } = shippingLogger(h.prefix, 'tasks');
    for (let i = from; i < from + n; i++) log.info({ n: i }, `line ${i}`);
    await shipper.close();
  };

  beforeAll(async () => {
    h = await startObservability();
  });
  afterAll(() => h.stop());

  it('picks up what was shipped while it was down', async () => {
    h.obs.consumer.start();
    await ship(0, 1_000);
    await expect.poll(stored).toBe(1_000);
    await h.stopInstance(h.obs);

    await ship(1_000, 3_000);
    const next = await h.restart();
    next.consumer.start();
    await expect.poll(stored).toBe(4_000);
    expect(await pending()).toBe(0);
    await h.stopInstance(next);
  });

  it('re-reads its own unacknowledged entries and claims those of a dead consumer', async () => {
    await ship(4_000, 700);
    // Two consumers read and die before acknowledging: one under the name the next instance has.
    const readAs = (consumer: string, count: number) =>
      h.redis.xreadgroup('GROUP', LOG_GROUP, consumer, 'COUNT', count, 'STREAMS', LOG_STREAM, '>');
    await readAs(hostname(), 200);
    await readAs('crashed-elsewhere', 500);
    expect(await pending()).toBe(700);
    await new Promise((r) => setTimeout(r, 600));

    const next = await h.restart();
    next.consumer.start();
    await expect.poll(stored).toBe(4_700);
    await expect.poll(pending).toBe(0);
    const lines = await h.gql<{ logs: { edges: { node: { message: string } }[] } }>(
      '{ logs(first: 100, search: "line 46") { edges { node { message } } } }',
      {},
      h.admin,
    );
    expect(lines.data?.logs.edges.map((e) => e.node.message).sort()).toEqual(
      Array.from({ length: 100 }, (_, i) => `line ${4600 + i}`).sort(),
    );
  });
});

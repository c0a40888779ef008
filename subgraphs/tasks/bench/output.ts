/**
 * The second half of `npm run bench:agents`: live model output from the worker's buffer to subscribers,
 * through real Redis. STREAMS tasks write TOKENS tokens each, about one a millisecond (1,000 tokens/s a
 * task), while one subscriber per task follows from the start and another joins halfway. Reports the time
 * from a task's first token to its subscriber, messages per stream, and any character lost or repeated.
 */
import { createEventBus } from '@trae/kit';
import { percentile, testRedisUrl } from '@trae/kit/testing';
import { followOutput, type OutputChunk, TaskOutputs } from '@trae/tasks';
import { Redis } from 'ioredis';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1_000);
const FLUSH_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const prefix = `trae-bench:output:${process.pid}:`;
  const redis = new Redis(testRedisUrl());
  const bus = createEventBus(testRedisUrl(), prefix);
  const outputs = new TaskOutputs(redis, prefix, FLUSH_MS);
  const ids = Array.from({ length: STREAMS }, (_, i) => `task-${i}`);
  const expected = Array.from({ length: TOKENS }, (_, i) => `w${i} `).join('');
  const firstWrite = new Map<string, number>();

  const follow = (id: string) => {
    const got = { text: '', messages: 0, firstMs: 0, broken: false };
    const done = (async () => {
      for await (const c of followOutput(bus, id, () => outputs.read(id)) as AsyncIterable<OutputChunk>) {
        if (c.offset !== got.text.length) got.broken = true;
        if (!got.messages && c.text) got.firstMs = performance.now() - (firstWrite.get(id) ?? 0);
        got.text += c.text;
        got.messages++;
      }
    })();
    return { got, done };
  };
  const early = ids.map(follow);
  // Every early subscriber's Redis subscription stands before the first token (the bus shares none here).
  for (;;) {
    const counts = (await redis.pubsub('NUMSUB', ...ids.map((id) => `${prefix}task.output:${id}`))) as (
      | string
      | number
    )[];
    if (counts.filter((_, i) => i % 2 === 1).every((n) => Number(n) > 0)) break;
    await sleep(10);
  }

  const writers = ids.map((id) => outputs.writer(id, 1, (err: unknown) => console.error(err)));
  const t0 = performance.now();
  let late: ReturnType<typeof follow>[] = [];
  // Each pass writes the tokens due by now (one a millisecond since the start), so a slow pass does not slow the model.
  for (let i = 0; i < TOKENS; ) {
    const due = Math.min(TOKENS, Math.floor(performance.now() - t0) + 1);
    for (; i < due; i++) {
      writers.forEach((w, n) => {
        if (i === 0) firstWrite.set(ids[n]!, performance.now());
        w.write(`w${i} `);
      });
      if (i === TOKENS / 2) late = ids.map(follow);
    }
    await sleep(1);
  }
  await Promise.all(writers.map((w) => w.close(true)));
  const writeMs = performance.now() - t0;
  await Promise.all([...early, ...late].map((f) => f.done));

  const all = [...early, ...late].map((f) => f.got);
  const wrong = all.filter((g) => g.text !== expected || g.broken).length;
  const firsts = early.map((f) => f.got.firstMs).sort((a, b) => a - b);
  const messages = early.map((f) => f.got.messages).sort((a, b) => a - b);
  console.log(
    `\nlive output: ${STREAMS} streams of ${TOKENS} tokens (${Math.round((TOKENS * 1000) / writeMs)} tokens/s each, ${(writeMs / 1000).toFixed(1)} s), flush every ${FLUSH_MS} ms, ${STREAMS} subscribers from the start and ${STREAMS} joining halfway, Node ${process.version}\n`,
  );
  console.log('| measure | value |\n|---|---|');
  console.log(`| first token to its subscriber, p50 | ${percentile(firsts, 50).toFixed(2)} ms |`);
  console.log(`| first token to its subscriber, p99 | ${percentile(firsts, 99).toFixed(2)} ms |`);
  console.log(`| messages per stream (median, max) | ${percentile(messages, 50)}, ${messages.at(-1)} |`);
  console.log(`| subscribers with a character lost, repeated or out of order | ${wrong} of ${all.length} |`);

  await redis.del(...ids.map((id) => `${prefix}task.output:${id}`));
  await bus.close();
  redis.disconnect();
  if (wrong) process.exitCode = 1;
}

await main();

/**
 * `npm run bench:agents`: what the platform's model layer (the AI SDK client, structured output, the tool loop)
 * adds to a model call, against an OpenAI-compatible server that answers at once. Prints a Markdown table.
 * Not a test; the end-to-end delivery to subscribers is measured by `bench:subscriptions`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile } from '@trae/kit/testing';
import { LlmClient } from '@trae/tasks';
import { tool } from 'ai';
import { z } from 'zod';

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const TOKENS = 20;

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** Streams TOKENS words, or a tool call when the last message is the user's and asks for a tool. */
function answer(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (c) => {
    raw += c;
  });
  req.on('end', () => {
    const body = JSON.parse(raw) as { tools?: unknown[]; messages: { role: string }[] };
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (body.tools && body.messages.at(-1)?.role === 'user') {
      const call = {
        index: 0,
        id: 'call_1',
        type: 'function',
        function: { name: 'noop', arguments: '{"n":1}' },
      };
      res.write(chunk({ role: 'assistant', tool_calls: [call] }));
      res.write(chunk({}, 'tool_calls'));
    } else {
      res.write(chunk({ role: 'assistant' }));
      for (let i = 0; i < TOKENS; i++) res.write(chunk({ content: `w${i} ` }));
      res.write(chunk({}, 'stop'));
    }
    res.write(
      `data: ${JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: 10, completion_tokens: TOKENS } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  });
}

/** Time to first token with a plain fetch and a hand parse: the floor any client pays. */
async function rawFirstToken(url: string) {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'p' }] }),
  });
  let first = 0;
  const decoder = new TextDecoder();
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!first && decoder.decode(bytes).includes('"content"')) first = performance.now() - t0;
  }
  return first;
}

async function run(label: string, once: () => Promise<number>) {
  for (let i = 0; i < 200; i++) await once(); // warm the JIT and the connection pool
  const times: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) times.push(await once());
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    label,
    perSecond: Math.round(times.length / seconds),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
}

async function main() {
  const server = createServer(answer);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new LlmClient({ baseUrl: `${url}/v1`, model: 'bench', timeoutMs: 10_000, maxRetries: 0 });
  const firstToken = async (extra: object = {}) => {
    const t0 = performance.now();
    let first = 0;
    await client.generate({
      system: 's',
      prompt: 'p',
      ...extra,
      onText: () => {
        first ||= performance.now() - t0;
      },
    });
    return first;
  };
  const tools = {
    noop: tool({
      description: 'does nothing',
      inputSchema: z.object({ n: z.number() }),
      execute: async () => ({ ok: 1 }),
    }),
  };
  const results = [
    await run('raw fetch + SSE parse, first token', () => rawFirstToken(url)),
    await run('LlmClient (AI SDK), first token', () => firstToken()),
    await run('tool loop: tool call + answer (2 model calls), whole run', async () => {
      const t0 = performance.now();
      await client.generate({ system: 's', prompt: 'p', tools, maxSteps: 3 });
      return performance.now() - t0;
    }),
  ];
  server.close();
  console.log(
    `\n${CALLS} calls, ${CONCURRENCY} at once, ${TOKENS} tokens an answer, Node ${process.version}\n`,
  );
  console.log('| path | calls/s | p50 ms | p99 ms |\n|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.label} | ${r.perSecond} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
  const [raw, sdk] = results;
  console.log(
    `\nadded by the platform's client to the first token: p50 ${(sdk.p50 - raw.p50).toFixed(2)} ms, p99 ${(sdk.p99 - raw.p99).toFixed(2)} ms`,
  );
}

await main();

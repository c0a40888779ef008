import { readBody, serve } from './servers.js';

export const LLM_KEY = 'test-llm-key';

/** One scripted answer of the fake model. */
export interface Turn {
  /** Streamed word by word (or sent whole when the request does not stream). */
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  usage?: { prompt: number; completion: number };
  /** An HTTP error instead of an answer (with `error` as its message). */
  status?: number;
  error?: string;
  /** Seconds, sent as Retry-After with an error status. */
  retryAfter?: number;
  /** Waits this long before answering (a slow model). */
  delayMs?: number;
  tokenDelayMs?: number;
}

export interface ChatRequest {
  model: string;
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { schema: unknown } };
  tools?: { function: { name: string } }[];
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
}

/** What the fake answers a request with: a fixed script (one turn per request, the last one repeats) or a function. */
export type Script = Turn[] | ((req: ChatRequest, index: number) => Turn);

/**
 * An in-process OpenAI-compatible `/v1/chat/completions` server that plays a model's turns: streamed (SSE)
 * or whole answers, tool calls, usage, HTTP errors, slow answers and 429 with Retry-After. It records every
 * request, so tests see what the platform sent (messages, tools, response format).
 */
export async function fakeLlm(initial: Script = [{ text: 'ok' }], tokenDelayMs = 1) {
  let script = initial;
  const requests: ChatRequest[] = [];
  let open = 0;
  let aborted = 0;
  const server = await serve(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${LLM_KEY}`) {
      return void res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":{"message":"bad key"}}');
    }
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    const index = requests.push(body) - 1;
    const turn =
      typeof script === 'function' ? script(body, index) : script[Math.min(index, script.length - 1)];
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        aborted++;
      }
    });
    open++;
    try {
      if (turn.delayMs) await sleep(turn.delayMs);
      if (turn.status) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (turn.retryAfter !== undefined) headers['retry-after'] = String(turn.retryAfter);
        return void res
          .writeHead(turn.status, headers)
          .end(JSON.stringify({ error: { message: turn.error ?? 'scripted error' } }));
      }
      const usage = {
        prompt_tokens: turn.usage?.prompt ?? 10,
        completion_tokens: turn.usage?.completion ?? 5,
      };
      const toolCalls = (turn.toolCalls ?? []).map((c, i) => ({
        index: i,
        id: `call_${index}_${i}`,
        type: 'function',
        function: { name: c.name, arguments: JSON.stringify(c.arguments) },
      }));
      const finish = toolCalls.length ? 'tool_calls' : 'stop';
      const base = { id: `chatcmpl-${index}`, object: 'chat.completion', created: 1, model: body.model };
      if (!body.stream) {
        const message = {
          role: 'assistant',
          content: turn.text ?? null,
          ...(toolCalls.length ? { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) } : {}),
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ ...base, choices: [{ index: 0, message, finish_reason: finish }], usage }),
        );
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finishReason: string | null = null) =>
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
      res.write(chunk({ role: 'assistant' }));
      for (const piece of turn.text?.match(/\S+\s*|\s+/g) ?? []) {
        if (gone) return;
        res.write(chunk({ content: piece }));
        await sleep(turn.tokenDelayMs ?? tokenDelayMs);
      }
      if (toolCalls.length) res.write(chunk({ tool_calls: toolCalls }));
      res.write(chunk({}, finish));
      res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
      res.end('data: [DONE]\n\n');
    } finally {
      open--;
    }
  });
  return {
    ...server,
    requests,
    /** Requests whose client hung up before the answer ended (a cancelled stream). */
    aborted: () => aborted,
    open: () => open,
    script: (next: Script) => {
      script = next;
      requests.length = 0;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

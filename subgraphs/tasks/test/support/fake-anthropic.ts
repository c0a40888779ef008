import { readBody, serve } from './servers.js';

export const ANTHROPIC_KEY = 'test-anthropic-key';

export interface AnthropicTurn {
  text?: string;
  toolUse?: { name: string; input: Record<string, unknown> };
  usage?: { input: number; output: number };
}

export interface MessagesRequest {
  model: string;
  stream?: boolean;
  max_tokens: number;
  system?: string | { type: string; text: string }[];
  messages: { role: string; content: unknown }[];
  tools?: { name: string }[];
}

const event = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * An in-process Anthropic Messages API (`POST /v1/messages`, streamed as Anthropic's SSE events:
 * message_start, content_block_start/delta/stop, message_delta with usage and stop reason, message_stop)
 * that plays scripted turns and records every request, for `@ai-sdk/anthropic` against its real wire format.
 */
export async function fakeAnthropic(initial: AnthropicTurn[] = [{ text: 'ok' }]) {
  let script = initial;
  const requests: MessagesRequest[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const server = await serve(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/messages') return void res.writeHead(404).end();
    if (req.headers['x-api-key'] !== ANTHROPIC_KEY) {
      return void res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}');
    }
    const body = JSON.parse(await readBody(req)) as MessagesRequest;
    const index = requests.push(body) - 1;
    headers.push(req.headers);
    const turn = script[Math.min(index, script.length - 1)];
    const usage = { input: turn.usage?.input ?? 10, output: turn.usage?.output ?? 5 };
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(
      event('message_start', {
        message: {
          id: `msg_${index}`,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: 1 },
        },
      }),
    );
    let block = 0;
    if (turn.text) {
      res.write(event('content_block_start', { index: block, content_block: { type: 'text', text: '' } }));
      for (const piece of turn.text.match(/\S+\s*|\s+/g) ?? [])
        res.write(event('content_block_delta', { index: block, delta: { type: 'text_delta', text: piece } }));
      res.write(event('content_block_stop', { index: block++ }));
    }
    if (turn.toolUse) {
      res.write(
        event('content_block_start', {
          index: block,
          content_block: { type: 'tool_use', id: `toolu_${index}`, name: turn.toolUse.name, input: {} },
        }),
      );
      res.write(
        event('content_block_delta', {
          index: block,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(turn.toolUse.input) },
        }),
      );
      res.write(event('content_block_stop', { index: block++ }));
    }
    res.write(
      event('message_delta', {
        delta: { stop_reason: turn.toolUse ? 'tool_use' : 'end_turn', stop_sequence: null },
        usage: { output_tokens: usage.output },
      }),
    );
    res.end(event('message_stop', {}));
  });
  return {
    ...server,
    requests,
    headers,
    script: (next: AnthropicTurn[]) => {
      script = next;
      requests.length = 0;
      headers.length = 0;
    },
  };
}

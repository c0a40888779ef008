export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatOptions {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with each streamed piece of text, in order. */
  onToken?: (token: string, textSoFar: string) => void;
}

export interface ChatResult {
  text: string;
  model: string;
  finishReason: string | null;
  /** Pieces received; a rough token count when the server reports no usage. */
  chunks: number;
  usage: { promptTokens: number; completionTokens: number } | null;
}

export class LlmError extends Error {
  override name = 'LlmError';
}

interface CompletionChunk {
  model?: string;
  choices?: { delta?: { content?: string }; message?: { content?: string }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * An OpenAI-compatible chat-completions client (OpenAI, Ollama's /v1, vLLM, LM Studio). It streams
 * (server-sent events) so agents can report tokens as progress, and also accepts a server that answers
 * with one JSON body despite `stream: true`.
 */
export class LlmClient {
  constructor(readonly config: LlmConfig) {}

  async chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.config.timeoutMs),
      ...(options.signal ? [options.signal] : []),
    ]);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
    };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    const model = options.model ?? this.config.model;
    let res: Response;
    try {
      res = await fetch(`${this.config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers,
        signal,
        body: JSON.stringify({
          model,
          messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
          ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
        }),
      });
    } catch (err) {
      throw new LlmError(
        signal.aborted
          ? 'the language model timed out or the task was cancelled'
          : `the language model is unreachable: ${(err as Error).message}`,
      );
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 300);
      throw new LlmError(`the language model answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    const result: ChatResult = { text: '', model, finishReason: null, chunks: 0, usage: null };
    const take = (chunk: CompletionChunk) => {
      if (chunk.model) result.model = chunk.model;
      const choice = chunk.choices?.[0];
      const piece = choice?.delta?.content ?? choice?.message?.content ?? '';
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      if (chunk.usage) {
        result.usage = {
          promptTokens: chunk.usage.prompt_tokens ?? 0,
          completionTokens: chunk.usage.completion_tokens ?? 0,
        };
      }
      if (piece) {
        result.text += piece;
        result.chunks++;
        options.onToken?.(piece, result.text);
      }
    };
    try {
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        take((await res.json()) as CompletionChunk);
        return result;
      }
      for await (const data of sseData(res, signal)) {
        if (data === '[DONE]') break;
        take(JSON.parse(data) as CompletionChunk);
      }
    } catch (err) {
      if (err instanceof LlmError) throw err;
      throw new LlmError(
        signal.aborted
          ? 'the language model timed out or the task was cancelled'
          : `the language model's answer was unreadable: ${(err as Error).message}`,
      );
    }
    return result;
  }
}

/** The `data:` payloads of a server-sent event stream, one per event. */
async function* sseData(res: Response, signal: AbortSignal): AsyncGenerator<string> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (signal.aborted) throw new LlmError('the language model timed out or the task was cancelled');
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.search(/\r?\n\r?\n/);
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(buffer.slice(end).match(/^\r?\n\r?\n/)![0].length + end);
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) yield data;
      end = buffer.search(/\r?\n\r?\n/);
    }
  }
}

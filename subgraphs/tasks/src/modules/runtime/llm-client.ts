import {
  APICallError,
  type LanguageModel,
  type ModelMessage,
  NoObjectGeneratedError,
  Output,
  RetryError,
  stepCountIs,
  streamText,
  type ToolSet,
} from 'ai';
import type { z } from 'zod';
import { languageModels, type ProviderConfig } from './llm-provider.js';

export interface LlmConfig extends ProviderConfig {
  /** The default model (a persona's `model` picks another of the same provider). */
  model: string;
  timeoutMs: number;
  /** Retries of a failed call (429 and 5xx, honouring Retry-After); the SDK's default is 2. */
  maxRetries?: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmRequest<T> {
  system: string;
  prompt: string;
  /** A shape the answer must have: sent as the response format and checked; one retry with the error. */
  schema?: z.ZodType<T>;
  tools?: ToolSet;
  /** Model calls at most (each tool round trip is one); 1 without tools. */
  maxSteps?: number;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with each streamed piece of text, in order. */
  onText?: (delta: string, textSoFar: string) => void;
  /** Tokens are added here as calls finish (kept when a later call fails). */
  usage?: Usage;
  /** Called before each model call: a budget check throws here to refuse it. */
  beforeCall?: () => Promise<void> | void;
}

export interface LlmResult<T> {
  text: string;
  /** The validated answer when a schema was given. */
  output: T;
  model: string;
  finishReason: string | null;
  usage: Usage;
  /** Model calls made, retries of invalid output included. */
  calls: number;
}

export class LlmError extends Error {
  override name = 'LlmError';
}

/** The model's answer did not have the required shape, even after being told why once. */
export class LlmOutputError extends LlmError {
  override name = 'LlmOutputError';
}

/**
 * The platform's language model, on the Vercel AI SDK (`ai` with `@ai-sdk/openai-compatible`, `@ai-sdk/openai`
 * or `@ai-sdk/anthropic`, see llm-provider.ts): streaming, tool loops, structured output and retries with
 * Retry-After come from the SDK; this class only maps its results and errors to what tasks record.
 */
export class LlmClient {
  private readonly models: (id: string) => LanguageModel;

  constructor(readonly config: LlmConfig) {
    this.models = languageModels(config);
  }

  model(id?: string): LanguageModel {
    return this.models(id ?? this.config.model);
  }

  async generate<T = string>(req: LlmRequest<T>): Promise<LlmResult<T>> {
    const messages: ModelMessage[] = [{ role: 'user', content: req.prompt }];
    const usage: Usage = req.usage ?? { inputTokens: 0, outputTokens: 0 };
    for (let attempt = 1; ; attempt++) {
      const r = await this.stream(req, messages, usage);
      if (!req.schema || r.invalid === null) return { ...r, output: r.output as T, usage };
      if (attempt === 2)
        throw new LlmOutputError(`the model's answer did not have the expected shape: ${r.invalid}`);
      // One more chance, told exactly what was wrong; its earlier answer stays in the conversation.
      messages.push(
        { role: 'assistant', content: r.text },
        {
          role: 'user',
          content: `That answer was rejected: ${r.invalid}. Answer again with JSON only, matching the schema.`,
        },
      );
    }
  }

  private async stream<T>(req: LlmRequest<T>, messages: ModelMessage[], usage: Usage) {
    const signal = AbortSignal.any([
      AbortSignal.timeout(this.config.timeoutMs),
      ...(req.signal ? [req.signal] : []),
    ]);
    let calls = 0;
    const result = streamText({
      model: this.model(req.model),
      system: req.system,
      messages,
      tools: req.tools,
      stopWhen: stepCountIs(req.tools ? (req.maxSteps ?? 8) : 1),
      ...(req.schema ? { output: Output.object({ schema: req.schema }) } : {}),
      temperature: req.temperature,
      maxOutputTokens: req.maxTokens,
      maxRetries: this.config.maxRetries ?? 2,
      abortSignal: signal,
      prepareStep: async () => {
        calls++;
        await req.beforeCall?.();
        return undefined;
      },
      // Errors arrive as stream parts and are thrown below; the SDK's default would print them.
      onError: () => {},
    });
    let text = '';
    try {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          text += part.text;
          req.onText?.(part.text, text);
        } else if (part.type === 'error') throw part.error;
        else if (part.type === 'abort') throw new LlmError(ABORTED);
      }
      const [total, finishReason, response] = await Promise.all([
        result.totalUsage,
        result.finishReason,
        result.response,
      ]);
      usage.inputTokens += total.inputTokens ?? 0;
      usage.outputTokens += total.outputTokens ?? 0;
      if (finishReason === 'tool-calls')
        throw new LlmError(`the model was still calling tools after ${calls} steps (the step limit)`);
      const base = { text, model: response.modelId, finishReason, calls };
      if (!req.schema) return { ...base, output: text as unknown, invalid: null };
      try {
        return { ...base, output: (await result.output) as unknown, invalid: null };
      } catch (err) {
        if (!NoObjectGeneratedError.isInstance(err)) throw err;
        return { ...base, output: undefined, invalid: describeInvalid(err) };
      }
    } catch (err) {
      throw toLlmError(err, signal);
    }
  }
}

const ABORTED = 'the language model timed out or the task was cancelled';

/** The first problem of an answer that is not the JSON asked for, in words the model can act on. */
function describeInvalid(err: NoObjectGeneratedError): string {
  const cause = err.cause as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } } | undefined;
  const issue = cause?.cause?.issues?.[0];
  if (issue) return `${issue.path.join('.') || 'the answer'}: ${issue.message}`;
  return (err.cause as Error | undefined)?.message?.split('\n')[0] ?? err.message;
}

function toLlmError(err: unknown, signal: AbortSignal): Error {
  if (err instanceof LlmError) return err;
  if (signal.aborted) return new LlmError(ABORTED);
  const last = RetryError.isInstance(err) ? err.lastError : err;
  if (APICallError.isInstance(last)) {
    if (last.statusCode) {
      const detail = extractMessage(last.responseBody);
      return new LlmError(
        `the language model answered HTTP ${last.statusCode}${detail ? `: ${detail}` : ''}`,
      );
    }
    return new LlmError(`the language model is unreachable: ${last.message}`);
  }
  return new LlmError(`the language model failed: ${(last as Error)?.message ?? String(last)}`);
}

/** The error message of an OpenAI-style error body, never more than 300 characters of it. */
function extractMessage(body: string | undefined): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return body.slice(0, 300);
}

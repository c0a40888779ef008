import { censorSecrets, scrubSecrets } from '@trae/kit';
import { type ToolSet, tool } from 'ai';
import { z } from 'zod';
import type { AgentContext, AgentTask } from './agent.js';
import { type Capability, dataCapabilities } from './data-tools.js';
import { digestHtml } from './research/web-research.js';

/** Tasks a tool may start: research only, which calls no model, so a model cannot fan out models. */
const STARTABLE = ['web_research', 'content_research', 'data_analysis'] as const;

/** What a tool's answer may put back into the conversation: a page or a file is cut to this. */
const MAX_TOOL_TEXT = 8_000;

export interface ToolOptions {
  /** Each call's own time limit; the task's cancellation and time limit apply too. */
  timeoutMs: number;
}

/**
 * The platform's own capabilities as model tools, each acting as the task's creator (the role the run
 * was authorized with, checked again for this attempt): the files service answers only for files the
 * creator may read, pages are fetched through the kit's SSRF guard, tasks are started through the
 * tasks API's own rules for that user, and logs, errors, metrics and channel content are answered by
 * their own services for that user (see data-tools.ts). Every call is written to the task's log
 * (arguments with secret fields censored and credentials in text scrubbed) and its progress; a failing
 * call answers the model with the reason instead of failing the task, so the model can try something else.
 */
export function platformTools(task: AgentTask, ctx: AgentContext, options: ToolOptions): ToolSet {
  let started = 0;
  const capabilities = {
    read_file: {
      description:
        'Reads a file from the platform’s file store (one the task’s creator may read), as text. Input: its id.',
      input: z.object({ fileId: z.uuid() }).strict(),
      run: async ({ fileId }, signal) => {
        if (!task.createdBy) throw new Error('this task has no creator to read files as');
        const file = await ctx.files.read(
          fileId,
          { userId: task.createdBy, role: task.createdByRole },
          signal,
        );
        const text = file.body.toString('utf8');
        return { name: file.name, contentType: file.contentType, text: text.slice(0, MAX_TOOL_TEXT) };
      },
    } satisfies Capability<{ fileId: string }>,
    fetch_page: {
      description:
        'Fetches a public web page (http or https; private addresses are refused) and returns its title and readable text.',
      input: z.object({ url: z.url({ protocol: /^https?$/ }) }).strict(),
      run: async ({ url }, signal) => {
        const page = await ctx.http.get(url, { signal });
        const digest = digestHtml(page.body.toString('utf8'), page.url, 0, 5);
        return {
          url: page.url,
          status: page.status,
          title: digest.title,
          text: digest.text.slice(0, MAX_TOOL_TEXT),
        };
      },
    } satisfies Capability<{ url: string }>,
    start_task: {
      description:
        'Starts a research task as the task’s creator (web_research, content_research or data_analysis) and returns its id; it runs on its own.',
      input: z
        .object({
          type: z.enum(STARTABLE),
          input: z.record(z.string(), z.unknown()),
        })
        .strict(),
      run: async (req, signal) => {
        if (!task.createdBy) throw new Error('this task has no creator to start tasks as');
        // The same step of a retried run gets the task it started the first time.
        const key = `tool:${task.id}:${++started}`;
        return ctx.tasks.start(task.createdBy, { agent: 'research', ...req, idempotencyKey: key }, signal);
      },
    } satisfies Capability<{ type: (typeof STARTABLE)[number]; input: Record<string, unknown> }>,
    ...dataCapabilities(task, ctx),
  };
  let calls = 0;
  return Object.fromEntries(
    Object.entries(capabilities).map(([name, c]) => [
      name,
      tool({
        description: c.description,
        inputSchema: c.input as z.ZodType<Record<string, unknown>>,
        execute: async (input: Record<string, unknown>) => {
          const n = ++calls;
          const shown = redacted(input);
          ctx.progress(10, `step ${n}: ${name}`);
          ctx.log('INFO', `tool ${name}`, { step: n, input: shown });
          const started = performance.now();
          const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeoutMs)]);
          try {
            const output = await (c.run as (i: unknown, s: AbortSignal) => Promise<unknown>)(input, signal);
            ctx.log('INFO', `tool ${name} answered`, {
              step: n,
              ms: Math.round(performance.now() - started),
            });
            return output;
          } catch (err) {
            ctx.signal.throwIfAborted();
            const reason = signal.aborted
              ? `timed out after ${options.timeoutMs} ms`
              : scrubSecrets((err as Error).message ?? String(err));
            ctx.log('WARN', `tool ${name} failed: ${reason}`, { step: n, input: shown });
            return { error: reason };
          }
        },
      }),
    ]),
  );
}

/** A tool's arguments as the log shows them: secret fields censored, credentials inside text scrubbed. */
const redacted = (input: Record<string, unknown>): unknown =>
  JSON.parse(scrubSecrets(JSON.stringify(censorSecrets(input))));

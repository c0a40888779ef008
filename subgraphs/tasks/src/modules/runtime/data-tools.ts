import { z } from 'zod';
import type { AgentContext, AgentTask } from './agent.js';
import type { Actor } from './platform-client.js';

/** One model tool: what it says it does, the input it takes, and the call. */
export interface Capability<I> {
  description: string;
  input: z.ZodType<I>;
  run(input: I, signal: AbortSignal): Promise<unknown>;
}

/** A metric answer is cut to its newest points: a model reads a trend, not a thousand numbers. */
const MAX_POINTS = 120;
const WEEK_MINUTES = 7 * 24 * 60;

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const CONTENT_KINDS = ['SCRIPT', 'POST', 'ARTICLE', 'OTHER'] as const;
const CONTENT_STATUSES = ['DRAFT', 'APPROVED', 'PUBLISHED'] as const;

const first = z.number().int().min(1).max(50).optional();
const service = z.string().min(1).max(64).optional();
const sinceMinutes = z.number().int().min(1).max(WEEK_MINUTES).optional();

/** The creator the call acts for; a task nobody created (the platform's own) has no one to act as. */
function actorOf(task: AgentTask): Actor {
  if (!task.createdBy) throw new Error('this task has no creator to act as');
  return { userId: task.createdBy, role: task.createdByRole ?? 'USER' };
}

const since = (minutes: number | undefined) =>
  minutes === undefined ? undefined : new Date(Date.now() - minutes * 60_000).toISOString();

function channelOf(task: AgentTask, given: string | undefined): string {
  const id = given ?? task.channelId;
  if (!id) throw new Error('no channelId given and the task has no channel');
  return id;
}

type LogsInput = {
  search?: string;
  level?: (typeof LOG_LEVELS)[number];
  service?: string;
  sinceMinutes?: number;
  first?: number;
};
type ErrorsInput = { resolved?: boolean; service?: string; first?: number };
type MetricInput = { name: string; service?: string; sinceMinutes?: number; step?: number };
type ContentInput = {
  channelId?: string;
  status?: (typeof CONTENT_STATUSES)[number];
  kind?: (typeof CONTENT_KINDS)[number];
  search?: string;
  first?: number;
};
type DraftInput = { channelId?: string; title: string; body: string; kind: (typeof CONTENT_KINDS)[number] };

/**
 * Tools over the platform's own data, answered by the service that owns it as the task's creator: the
 * observability service's logs and error groups (every one for ADMIN, else those of the creator's own
 * requests) and metric series, and the channels service's content (channels the creator belongs to;
 * drafts where they are an editor or owner).
 */
export function dataCapabilities(task: AgentTask, ctx: AgentContext) {
  return {
    search_logs: {
      description:
        'Searches stored log lines, newest first (the task creator’s own requests’ lines; every line for an admin). Optional: search text, minimum level, service, sinceMinutes, first (at most 50).',
      input: z
        .object({
          search: z.string().min(1).max(200).optional(),
          level: z.enum(LOG_LEVELS).optional(),
          service,
          sinceMinutes,
          first,
        })
        .strict(),
      run: ({ sinceMinutes: minutes, first: n, ...q }, signal) =>
        ctx.platform.logs(actorOf(task), { ...q, from: since(minutes), first: n ?? 20 }, signal),
    } satisfies Capability<LogsInput>,
    list_errors: {
      description:
        'Lists error groups, most recently seen first (those the task creator’s requests hit; all for an admin). Optional: resolved, service, first (at most 50).',
      input: z.object({ resolved: z.boolean().optional(), service, first }).strict(),
      run: (q, signal) => ctx.platform.errors(actorOf(task), { ...q, first: q.first ?? 20 }, signal),
    } satisfies Capability<ErrorsInput>,
    query_metric: {
      description:
        'Reads a stored metric series (e.g. http_request_rate, http_error_rate, http_latency_p95_seconds, queue_waiting, tasks_failed_rate), oldest point first. Optional: service, sinceMinutes (default 60), step in seconds.',
      input: z
        .object({
          name: z.string().min(1).max(64),
          service,
          sinceMinutes,
          step: z.number().int().min(1).max(86_400).optional(),
        })
        .strict(),
      run: async ({ sinceMinutes: minutes, ...q }, signal) => {
        const { points } = await ctx.platform.metricSeries(
          actorOf(task),
          { ...q, from: since(minutes ?? 60) },
          signal,
        );
        return { points: points.slice(-MAX_POINTS), truncated: points.length > MAX_POINTS };
      },
    } satisfies Capability<MetricInput>,
    list_content: {
      description:
        'Lists a channel’s content items, newest first (a channel the task creator belongs to; default: the task’s channel). Optional: status, kind, search, first (at most 50).',
      input: z
        .object({
          channelId: z.uuid().optional(),
          status: z.enum(CONTENT_STATUSES).optional(),
          kind: z.enum(CONTENT_KINDS).optional(),
          search: z.string().min(1).max(200).optional(),
          first,
        })
        .strict(),
      run: ({ channelId, ...q }, signal) =>
        ctx.platform.content(
          actorOf(task),
          channelOf(task, channelId),
          { ...q, first: q.first ?? 20 },
          signal,
        ),
    } satisfies Capability<ContentInput>,
    create_draft: {
      description:
        'Saves a content draft in a channel where the task creator is an editor or owner (default: the task’s channel). It stays a draft until a person approves it.',
      input: z
        .object({
          channelId: z.uuid().optional(),
          title: z.string().min(1).max(200),
          body: z.string().max(100_000),
          kind: z.enum(CONTENT_KINDS),
        })
        .strict(),
      run: ({ channelId, ...draft }, signal) =>
        ctx.platform.draft(actorOf(task), channelOf(task, channelId), draft, signal),
    } satisfies Capability<DraftInput>,
  };
}

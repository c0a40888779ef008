import type { SafeHttp } from '@trae/kit';
import type { z } from 'zod';
import type { TaskMode } from '../task/task-mode.js';
import type { FilesClient } from './files-client.js';
import type { PlatformClient } from './platform-client.js';
import type { AgentModel } from './task-model.js';
import type { TasksClient } from './tasks-client.js';

/** One thing an agent can do, with the schema its input must match. */
export interface CapabilitySpec {
  description: string;
  input: z.ZodType;
  /** Only ADMIN may create it; each run checks again that its creator is still ADMIN (or the platform). */
  adminOnly?: boolean;
  /** Only the platform starts it (from a service event); no caller may create or aim it, ADMIN included. */
  systemOnly?: boolean;
}

/** The static half of a runtime: what it offers and what its personas may configure. The API validates with it. */
export interface RuntimeSpec {
  name: string;
  description: string;
  capabilities: Record<string, CapabilitySpec>;
  configuration: z.ZodType<Record<string, unknown>>;
  /** Calls the language model when one is configured (its tasks are refused once a budget is spent). */
  usesModel?: boolean;
}

export interface AgentTask {
  id: string;
  agent: string;
  type: string;
  input: Record<string, unknown>;
  createdBy: string | null;
  createdByRole: string | null;
  channelId: string | null;
  /** 1 on the first run. */
  attempt: number;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Results of the child tasks this task waited for (a pipeline such as research, then content). */
export interface ChildResult {
  taskId: string;
  agent: string;
  type: string;
  result: unknown;
}

export interface AgentContext {
  /** Aborted when the task is cancelled or times out; pass it to everything that waits. */
  signal: AbortSignal;
  progress(percent: number, message?: string): void;
  log(level: LogLevel, message: string, data?: unknown): void;
  /** Streams text as the model writes it (batched to `taskOutput(id)` subscribers); pass each new piece. */
  output(text: string): void;
  http: SafeHttp;
  files: FilesClient;
  /** Starts tasks as a user, through the tasks API's rules (a tool's `start_task`). */
  tasks: TasksClient;
  /** Logs, errors, metrics and channel content, read and written as a user (the data tools). */
  platform: PlatformClient;
  /** Null when no model is configured. */
  llm: AgentModel | null;
  /** Says on the task what wrote its result (a model or the template engine). */
  mode(mode: TaskMode): void;
  /** The persona's configuration, already validated against the runtime's schema. */
  configuration: Record<string, unknown>;
  childResults: ChildResult[];
}

/** A built-in agent implementation. Personas of the same runtime share it. */
export interface AgentRuntime extends RuntimeSpec {
  run(task: AgentTask, ctx: AgentContext): Promise<unknown>;
  /** A capability's own time limit, when TASK_TIMEOUT_MS does not fit it (a backup of a large database). */
  timeoutMs?(type: string): number | undefined;
}

/** The task cannot succeed as given (bad file, nothing fetchable, ...): retrying would not help. */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
}

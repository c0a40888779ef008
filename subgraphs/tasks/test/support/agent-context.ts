import { SafeHttp } from '@trae/kit';
import type { AgentContext, AgentTask, ChildResult, LogLevel } from '../../src/modules/runtime/agent.js';
import { FilesClient } from '../../src/modules/runtime/files-client.js';
import { PlatformClient } from '../../src/modules/runtime/platform-client.js';
import type { AgentModel } from '../../src/modules/runtime/task-model.js';
import { TasksClient } from '../../src/modules/runtime/tasks-client.js';
import type { TaskMode } from '../../src/modules/task/task-mode.js';
import { SECRET } from './fakes.js';

export interface Recorded {
  ctx: AgentContext;
  progress: { percent: number; message?: string }[];
  logs: { level: LogLevel; message: string }[];
  /** Each piece of text the agent streamed, in order. */
  output: string[];
  controller: AbortController;
  /** What the runtime said wrote the result. */
  mode: () => TaskMode | null;
}

/** A real agent context (real HTTP, files and LLM clients) that records what the agent reports. */
export function agentContext(
  options: {
    filesUrl?: string;
    tasksUrl?: string;
    llm?: AgentModel | null;
    allowPrivate?: boolean;
    configuration?: Record<string, unknown>;
    childResults?: ChildResult[];
  } = {},
): Recorded {
  const progress: Recorded['progress'] = [];
  const logs: Recorded['logs'] = [];
  const output: string[] = [];
  const controller = new AbortController();
  let mode: TaskMode | null = null;
  const ctx: AgentContext = {
    signal: controller.signal,
    progress: (percent, message) => progress.push({ percent, message }),
    log: (level, message) => logs.push({ level, message }),
    output: (text) => output.push(text),
    http: new SafeHttp({
      allowPrivate: options.allowPrivate ?? true,
      maxBytes: 1024 * 1024,
      timeoutMs: 3_000,
    }),
    files: new FilesClient(options.filesUrl ?? 'http://127.0.0.1:9', SECRET, 1024 * 1024),
    tasks: new TasksClient(options.tasksUrl ?? 'http://127.0.0.1:9', SECRET),
    platform: new PlatformClient(
      { observability: 'http://127.0.0.1:9', channels: 'http://127.0.0.1:9' },
      SECRET,
    ),
    llm: options.llm ?? null,
    mode: (m) => {
      mode = m;
    },
    configuration: options.configuration ?? {},
    childResults: options.childResults ?? [],
  };
  return { ctx, progress, logs, output, controller, mode: () => mode };
}

export const task = (
  type: string,
  input: Record<string, unknown>,
  extra: Partial<AgentTask> = {},
): AgentTask => ({
  id: '00000000-0000-4000-8000-000000000001',
  agent: 'test',
  type,
  input,
  createdBy: '00000000-0000-4000-8000-0000000000aa',
  createdByRole: 'USER',
  channelId: null,
  attempt: 1,
  ...extra,
});

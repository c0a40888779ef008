import { SafeHttp } from '@trae/kit';
import type { AgentContext, AgentTask, ChildResult, LogLevel } from '../../src/modules/runtime/agent.js';
import { FilesClient } from '../../src/modules/runtime/files-client.js';
import type { LlmClient } from '../../src/modules/runtime/llm-client.js';
import { SECRET } from './fakes.js';

export interface Recorded {
  ctx: AgentContext;
  progress: { percent: number; message?: string }[];
  logs: { level: LogLevel; message: string }[];
  controller: AbortController;
}

/** A real agent context (real HTTP, files and LLM clients) that records what the agent reports. */
export function agentContext(
  options: {
    filesUrl?: string;
    llm?: LlmClient | null;
    allowPrivate?: boolean;
    configuration?: Record<string, unknown>;
    childResults?: ChildResult[];
  } = {},
): Recorded {
  const progress: Recorded['progress'] = [];
  const logs: Recorded['logs'] = [];
  const controller = new AbortController();
  const ctx: AgentContext = {
    signal: controller.signal,
    progress: (percent, message) => progress.push({ percent, message }),
    log: (level, message) => logs.push({ level, message }),
    http: new SafeHttp({
      allowPrivate: options.allowPrivate ?? true,
      maxBytes: 1024 * 1024,
      timeoutMs: 3_000,
    }),
    files: new FilesClient(options.filesUrl ?? 'http://127.0.0.1:9', SECRET, 1024 * 1024),
    llm: options.llm ?? null,
    configuration: options.configuration ?? {},
    childResults: options.childResults ?? [],
  };
  return { ctx, progress, logs, controller };
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

import type { TaskStatus } from '../../gql/graphql';
import { RANGES } from '../../monitoring/useSeries';

export const STATUSES: TaskStatus[] = ['PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** The Tasks list's filters, as they stand in the page's URL (a filtered list is a link to share). */
export interface TaskFilters {
  status: TaskStatus | '';
  agent: string;
  type: string;
  channelId: string;
  createdBy: string;
  search: string;
  /** One of RANGES' ids, or '' for any time. */
  range: string;
}

const KEYS = ['status', 'agent', 'type', 'channelId', 'createdBy', 'search', 'range'] as const;

export function filtersFrom(params: URLSearchParams): TaskFilters {
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as TaskFilters;
  if (f.status && !STATUSES.includes(f.status)) f.status = '';
  if (f.range && !RANGES.some((r) => r.id === f.range)) f.range = '';
  return f;
}

/** Only the filters that are set, so the URL stays short. */
export function paramsOf(filters: TaskFilters): Record<string, string> {
  return Object.fromEntries(KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]));
}

/** The `tasks` query's variables; `now` fixes the start of a relative range. */
export function queryVariables(f: TaskFilters, now = Date.now()) {
  const seconds = RANGES.find((r) => r.id === f.range)?.seconds;
  return {
    status: f.status || undefined,
    agent: f.agent.trim() || undefined,
    type: f.type.trim() || undefined,
    channelId: f.channelId.trim() || undefined,
    createdBy: f.createdBy.trim() || undefined,
    search: f.search.trim() || undefined,
    createdFrom: seconds ? new Date(now - seconds * 1000).toISOString() : undefined,
  };
}

/**
 * Whether a live task passes the filters a row can be checked against in the browser (status, agent,
 * type). Search, channel and creator are the server's to judge, so a task passes those here.
 */
export function mayMatch(task: { status: TaskStatus; agent: string; type: string }, f: TaskFilters): boolean {
  if (f.status && task.status !== f.status) return false;
  if (f.agent && task.agent !== f.agent.trim()) return false;
  return !f.type || task.type === f.type.trim();
}

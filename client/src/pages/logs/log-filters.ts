import type { LogLevel } from '../../gql/graphql';

/** The fields a line is filtered by. */
interface FilteredLine {
  level: LogLevel;
  service: string;
  message: string;
  requestId?: string | null;
  userId?: string | null;
  context: Record<string, unknown>;
}

import { RANGES } from '../../monitoring/useSeries';

export const LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const LEVEL_RANK = Object.fromEntries(LEVELS.map((l, i) => [l, i])) as Record<LogLevel, number>;

/** The explorer's filters, as they stand in the page's URL (so a followed request is a link). */
export interface LogFilters {
  level: LogLevel | '';
  service: string;
  search: string;
  requestId: string;
  status: string;
  route: string;
  userId: string;
  /** One of RANGES' ids, or '' for every stored line. */
  range: string;
}

const KEYS = ['level', 'service', 'search', 'requestId', 'status', 'route', 'userId', 'range'] as const;

export function filtersFrom(params: URLSearchParams): LogFilters {
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as LogFilters;
  if (f.level && !LEVELS.includes(f.level)) f.level = '';
  return f;
}

/** Only the filters that are set, so the URL stays short. */
export function paramsOf(filters: LogFilters): Record<string, string> {
  return Object.fromEntries(KEYS.filter((k) => filters[k]).map((k) => [k, filters[k]]));
}

/** The `logs` query's variables; `now` fixes the start of a relative range. */
export function queryVariables(f: LogFilters, now = Date.now()) {
  const seconds = RANGES.find((r) => r.id === f.range)?.seconds;
  const status = Number(f.status);
  return {
    level: f.level || undefined,
    service: f.service || undefined,
    search: f.search.trim() || undefined,
    requestId: f.requestId || undefined,
    status: f.status && Number.isInteger(status) ? status : undefined,
    route: f.route.trim() || undefined,
    userId: f.userId || undefined,
    from: seconds ? new Date(now - seconds * 1000).toISOString() : undefined,
  };
}

const routeOf = (line: FilteredLine) => {
  const c = line.context;
  if (typeof c.route === 'string') return c.route;
  return typeof c.url === 'string' ? c.url.split('?')[0] : '';
};

/**
 * Whether a live line passes the filters the server applies to stored ones (the subscription itself
 * filters only level and service), so the tail shows what a reload would.
 */
export function matches(line: FilteredLine, f: LogFilters): boolean {
  if (f.level && LEVEL_RANK[line.level] < LEVEL_RANK[f.level]) return false;
  if (f.service && line.service !== f.service) return false;
  if (f.requestId && line.requestId !== f.requestId) return false;
  if (f.userId && line.userId !== f.userId) return false;
  if (f.status && String(line.context.status ?? '') !== f.status) return false;
  if (f.route.trim() && !routeOf(line).startsWith(f.route.trim())) return false;
  const search = f.search.trim().toLowerCase();
  if (search && !`${line.message} ${JSON.stringify(line.context)}`.toLowerCase().includes(search))
    return false;
  return true;
}

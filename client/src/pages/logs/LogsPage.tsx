import { useDeferredValue, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { VirtualList } from '../../components/VirtualList';
import type { LogLevel } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { type LogFilters, useLogStream } from './useLogStream';

const LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const SERVICES = ['gateway', 'identity', 'channels', 'tasks', 'worker', 'files', 'observability', 'webhooks'];

export default function LogsPage() {
  const [filters, setFilters] = useState<LogFilters>({ level: '', service: '', search: '' });
  const deferred = useDeferredValue(filters);
  const [live, setLive] = useState(true);
  const { lines, error, loading, loadMore, hasMore } = useLogStream(deferred, live);

  return (
    <section className="page page-fill" aria-labelledby="logs-title">
      <div className="page-head">
        <h1 id="logs-title">Logs</h1>
        <p className="muted" aria-live="polite">
          {lines.length.toLocaleString()} lines, newest first{hasMore ? '; scroll down for older ones' : ''}
        </p>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="inline-field">
          Minimum level
          <select
            value={filters.level}
            onChange={(e) => setFilters({ ...filters, level: e.target.value as LogLevel | '' })}
          >
            <option value="">Any</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Service
          <select
            value={filters.service}
            onChange={(e) => setFilters({ ...filters, service: e.target.value })}
          >
            <option value="">All</option>
            {SERVICES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Message contains
          <input
            type="search"
            value={filters.search}
            onChange={(e) => setFilters({ ...filters, search: e.target.value })}
          />
        </label>
        <label className="inline-field checkbox">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
          Live tail
        </label>
      </form>
      {error != null && (
        <ErrorMessage error={error} title="Could not load logs" onRetry={() => void loadMore()} />
      )}
      {loading && lines.length === 0 && <Loading label="Loading logs" />}
      {!loading && !error && lines.length === 0 && (
        <EmptyState title="No log lines match">
          Widen the filters{live ? ', or wait: live tail is on' : ''}.
        </EmptyState>
      )}
      {lines.length > 0 && (
        <VirtualList
          items={lines}
          rowHeight={32}
          label="Log lines, newest first"
          getKey={(line) => line.id}
          onEndReached={loadMore}
          renderRow={(line) => (
            <div className="log-line">
              <time dateTime={line.time}>{formatTime(line.time)}</time>
              <StatusBadge status={line.level} tone={line.level === 'INFO' ? 'info' : undefined} />
              <span className="log-service">{line.service}</span>
              <span className="log-message" title={line.requestId ? `request ${line.requestId}` : undefined}>
                {line.message}
              </span>
            </div>
          )}
        />
      )}
    </section>
  );
}

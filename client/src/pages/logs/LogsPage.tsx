import { useDeferredValue, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { VirtualList } from '../../components/VirtualList';
import { LogFilterForm } from './LogFilterForm';
import { DETAILS_HEIGHT, LogRow } from './LogRow';
import { filtersFrom, type LogFilters, paramsOf } from './log-filters';
import { useLogStream } from './useLogStream';

const EMPTY: LogFilters = filtersFrom(new URLSearchParams());

/**
 * The log explorer: filters live in the URL (a followed request is a link to share), rows open to
 * every field, and the live tail holds new lines while the reader is scrolled down.
 */
export default function LogsPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const deferred = useDeferredValue(filters);
  const [live, setLive] = useState(true);
  const [atTop, setAtTop] = useState(true);
  const [open, setOpen] = useState<string | null>(null);
  const { lines, pending, resume, error, loading, loadMore, hasMore } = useLogStream(deferred, live, !atTop);
  const change = (next: LogFilters) => {
    // A new list starts at its top, where the tail runs.
    setAtTop(true);
    setParams(paramsOf(next), { replace: true });
  };
  const filtered = Object.keys(paramsOf(filters)).length > 0;

  return (
    <section className="page page-fill" aria-labelledby="logs-title">
      <div className="page-head">
        <h1 id="logs-title">Logs</h1>
        <p className="muted" aria-live="polite">
          {lines.length.toLocaleString()} lines, newest first{hasMore ? '; scroll down for older ones' : ''}
        </p>
      </div>
      <LogFilterForm filters={filters} onChange={change} />
      <div className="actions">
        <label className="inline-field checkbox">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
          Live tail
        </label>
        {live && !atTop && <span className="muted">Live tail paused while you read</span>}
        {pending > 0 && (
          <button type="button" className="button button-small" onClick={resume}>
            Show {pending.toLocaleString()} new line{pending === 1 ? '' : 's'}
          </button>
        )}
        {filters.requestId && (
          <span className="muted">
            Following request <code>{filters.requestId}</code> across every service
          </span>
        )}
        {filtered && (
          <button type="button" className="button button-ghost button-small" onClick={() => change(EMPTY)}>
            Clear filters
          </button>
        )}
      </div>
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
          expandedKey={open}
          expandedHeight={DETAILS_HEIGHT}
          onAtTop={setAtTop}
          renderRow={(line, expanded) => (
            <LogRow
              line={line}
              expanded={expanded}
              onToggle={() => setOpen(expanded ? null : line.id)}
              onFilter={(field, value) => {
                setOpen(null);
                // Following a request means every line of it, whatever else was filtered on.
                change(
                  field === 'requestId' ? { ...EMPTY, requestId: value } : { ...filters, [field]: value },
                );
              }}
            />
          )}
        />
      )}
    </section>
  );
}

import { useQuery } from '@apollo/client/react';
import type { LogLevel } from '../../gql/graphql';
import { RANGES } from '../../monitoring/useSeries';
import { LEVELS, type LogFilters } from './log-filters';
import { LogServicesDocument } from './logs.operations';

interface Props {
  filters: LogFilters;
  onChange(filters: LogFilters): void;
}

/** Every filter of the explorer; the service list comes from the data, not from a list in code. */
export function LogFilterForm({ filters, onChange }: Props) {
  const services = useQuery(LogServicesDocument, { pollInterval: 60_000 });
  const names = services.data?.logServices ?? [];
  const set = (field: keyof LogFilters) => (e: { target: { value: string } }) =>
    onChange({ ...filters, [field]: e.target.value });
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Log filters">
      <label className="inline-field">
        Time range
        <select value={filters.range} onChange={set('range')}>
          <option value="">All kept</option>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Minimum level
        <select
          value={filters.level}
          onChange={(e) => onChange({ ...filters, level: e.target.value as LogLevel | '' })}
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
        <select value={filters.service} onChange={set('service')}>
          <option value="">All</option>
          {/* A service filtered on from a link stays offered even before the list has it. */}
          {[...new Set([...names, ...(filters.service ? [filters.service] : [])])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Status
        <input
          className="input-narrow"
          inputMode="numeric"
          pattern="[1-5][0-9]{2}"
          placeholder="500"
          value={filters.status}
          onChange={set('status')}
        />
      </label>
      <label className="inline-field">
        Route
        <input placeholder="/graphql" value={filters.route} onChange={set('route')} />
      </label>
      <label className="inline-field">
        User id
        <input value={filters.userId} onChange={set('userId')} />
      </label>
      <label className="inline-field">
        Request id
        <input value={filters.requestId} onChange={set('requestId')} />
      </label>
      <label className="inline-field">
        Search
        <input
          type="search"
          placeholder="message or any field"
          value={filters.search}
          onChange={set('search')}
        />
      </label>
    </form>
  );
}

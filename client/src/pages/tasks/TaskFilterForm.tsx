import type { TaskStatus } from '../../gql/graphql';
import { RANGES } from '../../monitoring/useSeries';
import { STATUSES, type TaskFilters } from './task-filters';

interface Props {
  filters: TaskFilters;
  onChange(filters: TaskFilters): void;
  agents: readonly { name: string; capabilities: readonly string[] }[];
  /** Filtering by creator is an ADMIN's: everyone else sees only their own tasks. */
  admin: boolean;
}

/** Every filter of the Tasks list; agents and their types come from the agents the server runs. */
export function TaskFilterForm({ filters, onChange, agents, admin }: Props) {
  const set = (field: keyof TaskFilters) => (e: { target: { value: string } }) =>
    onChange({ ...filters, [field]: e.target.value });
  const types = [
    ...new Set(
      agents.filter((a) => !filters.agent || a.name === filters.agent).flatMap((a) => a.capabilities),
    ),
  ];
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Task filters">
      <label className="inline-field">
        Search
        <input
          type="search"
          placeholder="id, input, error…"
          value={filters.search}
          onChange={set('search')}
        />
      </label>
      <label className="inline-field">
        Status
        <select
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as TaskStatus | '' })}
        >
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {/* Not "Agent": the run form above has that field, and one name should find one control. */}
      <label className="inline-field">
        Run by
        <select
          value={filters.agent}
          onChange={(e) => onChange({ ...filters, agent: e.target.value, type: '' })}
        >
          <option value="">All</option>
          {[...new Set([...agents.map((a) => a.name), ...(filters.agent ? [filters.agent] : [])])].map(
            (a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ),
          )}
        </select>
      </label>
      <label className="inline-field">
        Type
        <select value={filters.type} onChange={set('type')}>
          <option value="">All</option>
          {[...new Set([...types, ...(filters.type ? [filters.type] : [])])].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Created
        <select value={filters.range} onChange={set('range')}>
          <option value="">Any time</option>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Channel id
        <input value={filters.channelId} onChange={set('channelId')} />
      </label>
      {admin && (
        <label className="inline-field">
          Creator id
          <input value={filters.createdBy} onChange={set('createdBy')} />
        </label>
      )}
    </form>
  );
}

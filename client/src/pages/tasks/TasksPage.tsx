import { useQuery } from '@apollo/client/react';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { VirtualList } from '../../components/VirtualList';
import { getFragmentData, graphql } from '../../gql';
import { appendPage } from '../../lib/paging';
import { AgentCards } from './AgentCards';
import { BulkActions } from './BulkActions';
import { FreshTasksButton } from './FreshTasksButton';
import { RunTaskForm } from './RunTaskForm';
import { TaskFilterForm } from './TaskFilterForm';
import { ROW_HEIGHT, TaskListRow } from './TaskListRow';
import { filtersFrom, mayMatch, paramsOf, queryVariables, type TaskFilters } from './task-filters';
import { TaskUpdates_task, useTaskUpdates } from './useTaskUpdates';

/** The agents: their names and capabilities for the filters, and each panel's fragment. */
export const TasksPageAgentsQuery = graphql(`
  query TasksPageAgents {
    agents {
      id
      name
      capabilities
      ...RunTaskForm_agent
      ...AgentCards_agent
    }
  }
`);

export const TasksPageQuery = graphql(`
  query TasksPage(
    $first: Int
    $after: String
    $status: TaskStatus
    $agent: String
    $type: String
    $channelId: ID
    $createdBy: ID
    $search: String
    $createdFrom: DateTime
  ) {
    tasks(
      first: $first
      after: $after
      status: $status
      agent: $agent
      type: $type
      channelId: $channelId
      createdBy: $createdBy
      search: $search
      createdFrom: $createdFrom
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TaskUpdates_task
        }
      }
    }
  }
`);

const PAGE = 50;

/**
 * Agents, the run form, and every task the caller may see: filtered on the server (filters live in
 * the URL), paged as the list scrolls, rows kept live from `taskUpdated` once per frame.
 */
export default function TasksPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const key = JSON.stringify(useDeferredValue(filters));
  // A relative range starts when the filters were set, so paging does not slide under the reader.
  const variables = useMemo(() => queryVariables(JSON.parse(key) as TaskFilters), [key]);
  const agents = useQuery(TasksPageAgentsQuery);
  const tasks = useQuery(TasksPageQuery, { variables: { ...variables, first: PAGE } });
  const rows = useMemo(
    () => getFragmentData(TaskUpdates_task, tasks.data?.tasks.edges.map((e) => e.node) ?? []),
    [tasks.data],
  );
  const ids = useMemo(() => new Set(rows.map((t) => t.id)), [rows]);
  const { fresh, clearFresh } = useTaskUpdates((t) => !ids.has(t.id) && mayMatch(t, filters));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkNote, setBulkNote] = useState('');
  const paging = useRef(false);

  const page = tasks.data?.tasks.pageInfo;
  const loadMore = useCallback(() => {
    if (!page?.hasNextPage || paging.current) return;
    paging.current = true;
    void tasks
      .fetchMore({ variables: { after: page.endCursor }, updateQuery: appendPage('tasks') })
      .finally(() => {
        paging.current = false;
      });
  }, [page, tasks.fetchMore]);
  const change = (next: TaskFilters) => {
    setSelected(new Set());
    clearFresh();
    setParams(paramsOf(next), { replace: true });
  };
  const showFresh = () => {
    clearFresh();
    void tasks.refetch();
  };
  const select = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="page" aria-labelledby="tasks-title">
      <h1 id="tasks-title">Tasks &amp; agents</h1>
      {agents.error && <ErrorMessage error={agents.error} title="Could not load agents" />}
      {agents.loading && !agents.data && <Loading label="Loading agents" />}
      {agents.data && (
        <div className="columns">
          <RunTaskForm agents={agents.data.agents} />
          <AgentCards agents={agents.data.agents} />
        </div>
      )}
      <section aria-labelledby="task-list-title" className="tasks-list">
        <div className="page-head">
          <h2 id="task-list-title">
            Tasks{' '}
            {tasks.data && (
              <span className="muted">
                ({rows.length.toLocaleString()} of {tasks.data.tasks.totalCount.toLocaleString()})
              </span>
            )}
          </h2>
          <FreshTasksButton fresh={fresh} onShow={showFresh} />
        </div>
        <TaskFilterForm
          filters={filters}
          onChange={change}
          agents={agents.data?.agents ?? []}
          admin={user?.role === 'ADMIN'}
        />
        {selected.size > 0 && (
          <BulkActions
            selected={rows.filter((t) => selected.has(t.id))}
            onDone={(note) => {
              setSelected(new Set());
              setBulkNote(note);
            }}
          />
        )}
        <p className="muted" aria-live="polite">
          {bulkNote}
        </p>
        {tasks.error && (
          <ErrorMessage
            error={tasks.error}
            title="Could not load tasks"
            onRetry={() => void tasks.refetch()}
          />
        )}
        {tasks.loading && !tasks.data && <Loading label="Loading tasks" />}
        {tasks.data && rows.length === 0 && (
          <EmptyState title="No tasks here">
            {Object.keys(paramsOf(filters)).length ? 'Widen the filters.' : 'Run one with the form above.'}
          </EmptyState>
        )}
        {rows.length > 0 && (
          <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            label="Tasks, newest first"
            getKey={(t) => t.id}
            onEndReached={loadMore}
            renderRow={(t) => (
              <TaskListRow task={t} selected={selected.has(t.id)} onSelect={(on) => select(t.id, on)} />
            )}
          />
        )}
      </section>
    </section>
  );
}

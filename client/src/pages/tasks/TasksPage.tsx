import { useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import type { TaskStatus } from '../../gql/graphql';
import { formatRelative, humanize } from '../../lib/format';
import { AgentCards } from './AgentCards';
import { RunTaskForm } from './RunTaskForm';
import { AgentsDocument, TasksDocument, TaskUpdatedDocument } from './tasks.operations';

const STATUSES: TaskStatus[] = ['PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export default function TasksPage() {
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const agents = useQuery(AgentsDocument);
  const tasks = useQuery(TasksDocument, { variables: { first: 25, status: status || undefined } });
  // Every change of a visible task lands in the cache by id, so the rows below update themselves.
  useSubscription(TaskUpdatedDocument, {
    variables: {},
    onData: ({ data }) => {
      const id = data.data?.taskUpdated.id;
      if (id && !tasks.data?.tasks.edges.some((e) => e.node.id === id)) void tasks.refetch();
    },
  });
  const rows = tasks.data?.tasks.edges.map((e) => e.node) ?? [];

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
      <section aria-labelledby="task-list-title">
        <div className="page-head">
          <h2 id="task-list-title">
            Tasks {tasks.data && <span className="muted">({tasks.data.tasks.totalCount})</span>}
          </h2>
          <label className="inline-field">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
              <option value="">All</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
        </div>
        {tasks.error && (
          <ErrorMessage
            error={tasks.error}
            title="Could not load tasks"
            onRetry={() => void tasks.refetch()}
          />
        )}
        {tasks.loading && !tasks.data && <Loading label="Loading tasks" />}
        {tasks.data && rows.length === 0 && (
          <EmptyState title="No tasks here">Run one with the form above.</EmptyState>
        )}
        {rows.length > 0 && (
          <TableScroll label="Tasks">
            <table>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">
                      <Link to={`/tasks/${t.id}`}>{humanize(t.type)}</Link>
                    </th>
                    <td>{t.agent}</td>
                    <td>
                      <StatusBadge status={t.status} />
                    </td>
                    <td>
                      <ProgressBar value={t.progress} label={`Progress of ${humanize(t.type)}`} />
                    </td>
                    <td title={t.createdAt}>{formatRelative(t.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </section>
  );
}

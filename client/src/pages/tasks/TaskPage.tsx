import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { graphql } from '../../gql';
import { formatDateTime, formatMs, humanize } from '../../lib/format';
import { TaskResult } from './results/TaskResult';
import { TaskLogPanel } from './TaskLogPanel';
import { TaskOutputView } from './TaskOutputView';
import { FINISHED } from './task-status';
import { CancelTaskDocument, RetryTaskDocument } from './tasks.operations';
import { useTaskOutput } from './useTaskOutput';

// Only pipelines draw a graph, so its code is fetched only for them.
const PipelineGraph = lazy(() => import('./PipelineGraph'));

export const TaskPageQuery = graphql(`
  query TaskPage($id: ID!) {
    task(id: $id) {
      id
      agent
      type
      status
      progress
      progressMessage
      attempts
      maxAttempts
      error
      createdAt
      startedAt
      completedAt
      durationMs
      mode
      usage {
        inputTokens
        outputTokens
        costUsd
      }
      input
      result
      output
      schedule
      nextRunAt
      channel {
        id
        name
      }
      parent {
        id
        schedule
      }
      children(first: 10) {
        totalCount
      }
      ...TaskLogPanel_task
      ...PipelineGraph_task
    }
  }
`);

/** What changes while the task runs, its log and its pipeline's statuses; merged into the page's task by id. */
export const TaskPageUpdatesSubscription = graphql(`
  subscription TaskPageUpdates($id: ID) {
    taskUpdated(id: $id) {
      id
      status
      progress
      progressMessage
      attempts
      error
      startedAt
      completedAt
      durationMs
      mode
      usage {
        inputTokens
        outputTokens
        costUsd
      }
      result
      ...TaskLogPanel_task
    }
  }
`);

/**
 * One task, live: progress, status and log lines arrive over `taskUpdated(id)` as the agent works, and
 * its model's text over `taskOutput(id)` as it is written.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(TaskPageQuery, { variables: { id } });
  const task = data?.task;
  // The subscription writes the task (and its logs) into the cache by id; this page re-renders from it.
  const live = useSubscription(TaskPageUpdatesSubscription, {
    variables: { id },
    skip: !task || FINISHED.has(task.status),
  });
  const output = useTaskOutput(id, task, refetch);
  const [cancel, cancelState] = useMutation(CancelTaskDocument);
  const [retry, retryState] = useMutation(RetryTaskDocument);

  if (loading && !data) return <Loading label="Loading the task" />;
  if (error && !data)
    return <ErrorMessage error={error} title="Could not load the task" onRetry={() => void refetch()} />;
  if (!task) {
    return (
      <section className="page">
        <h1>Task not found</h1>
        <p>
          It does not exist or is not yours. <Link to="/tasks">Back to tasks</Link>
        </p>
      </section>
    );
  }
  const finished = FINISHED.has(task.status);
  const actionError = cancelState.error ?? retryState.error ?? live.error ?? output.error;
  // While it runs, the text as it grows; once over, the result (or, without one, what was written).
  const showOutput = output.text !== '' && (!finished || task.result == null);

  return (
    <section className="page" aria-labelledby="task-title">
      <p>
        <Link to="/tasks">← Tasks</Link>
      </p>
      <div className="page-head">
        <h1 id="task-title">
          {humanize(task.type)} <span className="muted">by {task.agent}</span>
        </h1>
        <div className="actions">
          {!finished && (
            <button
              type="button"
              className="button"
              disabled={cancelState.loading}
              onClick={() => void cancel({ variables: { id } }).catch(() => undefined)}
            >
              {cancelState.loading ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
          {(task.status === 'FAILED' || task.status === 'CANCELLED') && (
            <button
              type="button"
              className="button button-primary"
              disabled={retryState.loading}
              onClick={() => void retry({ variables: { id } }).catch(() => undefined)}
            >
              {retryState.loading ? 'Retrying…' : 'Retry'}
            </button>
          )}
        </div>
      </div>
      {actionError && <ErrorMessage error={actionError} />}
      <div className="task-status" aria-live="polite">
        <StatusBadge status={task.status} />
        {task.mode === 'TEMPLATE' && (
          <span
            className="badge badge-warn"
            title="No language model is configured: the built-in template engine wrote this draft."
          >
            template
          </span>
        )}
        {task.mode === 'MODEL' && <span className="badge badge-info">model</span>}
        <ProgressBar value={task.progress} label="Task progress" />
        {task.progressMessage && <span className="muted">{task.progressMessage}</span>}
      </div>
      <dl className="facts facts-wide">
        <dt>Created</dt>
        <dd>{formatDateTime(task.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(task.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(task.completedAt)}</dd>
        <dt>Run time</dt>
        <dd>{formatMs(task.durationMs)}</dd>
        {task.usage.inputTokens + task.usage.outputTokens > 0 && (
          <>
            <dt>Model tokens</dt>
            <dd>
              {task.usage.inputTokens} in, {task.usage.outputTokens} out
              {task.usage.costUsd > 0 && ` (about $${task.usage.costUsd.toFixed(4)})`}
            </dd>
          </>
        )}
        <dt>Attempts</dt>
        <dd>
          {task.attempts} of {task.maxAttempts}
        </dd>
        {task.channel && (
          <>
            <dt>Channel</dt>
            <dd>
              <Link to={`/channels/${task.channel.id}`}>{task.channel.name}</Link>
            </dd>
          </>
        )}
        {task.schedule && (
          <>
            <dt>Schedule</dt>
            <dd>
              <code>{task.schedule}</code>, next {formatDateTime(task.nextRunAt)}
            </dd>
          </>
        )}
      </dl>
      {task.error && (
        <p className="notice notice-error" role="alert">
          <strong>Failed: </strong>
          {task.error}
        </p>
      )}
      {showOutput && <TaskOutputView text={output.text} writing={!finished && !output.done} />}
      {/* Steps of a pipeline, not the runs of a schedule (children too, but in time). */}
      {!task.schedule && !task.parent?.schedule && (task.parent || task.children.totalCount > 0) && (
        <Suspense fallback={<Loading label="Loading the pipeline" />}>
          <PipelineGraph task={task} />
        </Suspense>
      )}
      <TaskLogPanel task={task} />
      <div className="columns">
        <section aria-labelledby="task-input-title">
          <h2 id="task-input-title">Input</h2>
          <pre className="code">{JSON.stringify(task.input, null, 2)}</pre>
        </section>
        <section aria-labelledby="task-result-title">
          <h2 id="task-result-title">Result</h2>
          {task.result == null ? (
            <p className="muted">
              {finished ? 'No result.' : 'The result appears here when the task is done.'}
            </p>
          ) : (
            <TaskResult result={task.result} />
          )}
        </section>
      </div>
    </section>
  );
}

import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatMs, formatTime, humanize } from '../../lib/format';
import { TaskResult } from './results/TaskResult';
import { TaskOutputView } from './TaskOutputView';
import { FINISHED } from './task-status';
import {
  CancelTaskDocument,
  RetryTaskDocument,
  TaskDetailDocument,
  TaskUpdatedDocument,
} from './tasks.operations';
import { useTaskOutput } from './useTaskOutput';

/**
 * One task, live: progress, status and log lines arrive over `taskUpdated(id)` as the agent works, and
 * its model's text over `taskOutput(id)` as it is written.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(TaskDetailDocument, { variables: { id } });
  const task = data?.task;
  // The subscription writes the task (and its logs) into the cache by id; this page re-renders from it.
  const live = useSubscription(TaskUpdatedDocument, {
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
      <section aria-labelledby="task-logs-title">
        <h2 id="task-logs-title">Log</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable log must be reachable by keyboard. */}
        <div className="task-log" role="log" aria-label="Task log" tabIndex={0}>
          <ol>
            {task.logs.length === 0 && (
              <li className="muted">{finished ? 'This task wrote no log lines.' : 'No lines yet.'}</li>
            )}
            {task.logs.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id, and the list only grows at the end.
              <li key={`${line.createdAt}-${index}`}>
                <time dateTime={line.createdAt}>{formatTime(line.createdAt)}</time>{' '}
                <StatusBadge status={line.level} tone={line.level === 'INFO' ? 'info' : undefined} />{' '}
                {line.message}
              </li>
            ))}
          </ol>
        </div>
      </section>
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

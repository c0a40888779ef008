import { useLayoutEffect, useRef } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatTime } from '../../lib/format';
import { FINISHED } from './task-status';

/** The newest lines; the task page's `taskUpdated(id)` spreads this too, so lines arrive as they are written. */
export const TaskLogPanel_task = graphql(`
  fragment TaskLogPanel_task on Task {
    id
    status
    logs(last: 200) {
      createdAt
      level
      message
      data
    }
  }
`);

/** Within this many pixels of the end counts as reading the end: new lines keep it in view. */
const FOLLOW_SLACK = 24;

/** One task's log, live while it runs; it follows new lines unless the reader has scrolled up. */
export function TaskLogPanel(props: { task: FragmentType<typeof TaskLogPanel_task> }) {
  const task = getFragmentData(TaskLogPanel_task, props.task);
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const count = task.logs.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a line arrives, which `count` says.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [count]);
  const finished = FINISHED.has(task.status);

  return (
    <section aria-labelledby="task-logs-title">
      <h2 id="task-logs-title">Log {!finished && <span className="muted">(live)</span>}</h2>
      <div
        ref={box}
        className="task-log"
        role="log"
        aria-label="Task log"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable log must be reachable by keyboard.
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
        }}
      >
        <ol>
          {count === 0 && (
            <li className="muted">{finished ? 'This task wrote no log lines.' : 'No lines yet.'}</li>
          )}
          {task.logs.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id, and the list only grows at the end.
            <li key={`${line.createdAt}-${index}`}>
              <time dateTime={line.createdAt}>{formatTime(line.createdAt)}</time>{' '}
              <StatusBadge status={line.level} tone={line.level === 'INFO' ? 'info' : undefined} />{' '}
              {line.message}
              {line.data != null && (
                <details>
                  <summary>Data</summary>
                  <pre className="code">{JSON.stringify(line.data, null, 2)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

import { Link } from 'react-router-dom';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatRelative, humanize } from '../../lib/format';

export const ROW_HEIGHT = 44;

export const TaskListRow_task = graphql(`
  fragment TaskListRow_task on Task {
    id
    type
    agent
    status
    progress
    createdAt
  }
`);

interface Props {
  task: FragmentType<typeof TaskListRow_task>;
  selected: boolean;
  onSelect(selected: boolean): void;
}

/** One line of the Tasks list, a fixed height so the virtual list can place it by arithmetic. */
export function TaskListRow({ selected, onSelect, ...props }: Props) {
  const task = getFragmentData(TaskListRow_task, props.task);
  const name = humanize(task.type);
  return (
    <div className="task-row">
      <input
        type="checkbox"
        checked={selected}
        aria-label={`Select ${name} ${task.id.slice(0, 8)}`}
        onChange={(e) => onSelect(e.target.checked)}
      />
      <Link to={`/tasks/${task.id}`} title={task.id}>
        {name}
      </Link>
      <span>{task.agent}</span>
      <span>
        <StatusBadge status={task.status} />
      </span>
      <ProgressBar value={task.progress} label={`Progress of ${name}`} />
      <time dateTime={task.createdAt} title={task.createdAt}>
        {formatRelative(task.createdAt)}
      </time>
    </div>
  );
}

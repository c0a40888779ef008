import { type FreshTasks, useFreshCount } from './useTaskUpdates';

/** "Show 12 new tasks": the one part of the Tasks page that changes with every frame of events. */
export function FreshTasksButton({ fresh, onShow }: { fresh: FreshTasks; onShow(): void }) {
  const count = useFreshCount(fresh);
  if (count === 0) return null;
  return (
    <button type="button" className="button button-small" onClick={onShow}>
      Show {count.toLocaleString()} new task{count === 1 ? '' : 's'}
    </button>
  );
}

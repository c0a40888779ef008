import type { WebhookSourceRowFragment } from '../../gql/graphql';
import { humanize } from '../../lib/format';

/** "Creates research / Content research tasks" or "Emits an event". */
export function SourceAction({ source }: { source: WebhookSourceRowFragment }) {
  if (source.action === 'EMIT_EVENT') return <>Emits an event</>;
  return (
    <>
      Creates <code>{source.agent}</code> tasks: {humanize(source.taskType ?? '')}
    </>
  );
}

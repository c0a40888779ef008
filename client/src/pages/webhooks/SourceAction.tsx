import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { humanize } from '../../lib/format';

export const SourceAction_source = graphql(`
  fragment SourceAction_source on WebhookSource {
    id
    action
    agent
    taskType
  }
`);

/** "Creates research / Content research tasks" or "Emits an event". */
export function SourceAction(props: { source: FragmentType<typeof SourceAction_source> }) {
  const source = getFragmentData(SourceAction_source, props.source);
  if (source.action === 'EMIT_EVENT') return <>Emits an event</>;
  return (
    <>
      Creates <code>{source.agent}</code> tasks: {humanize(source.taskType ?? '')}
    </>
  );
}

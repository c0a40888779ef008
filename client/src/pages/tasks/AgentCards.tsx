import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatMs, formatPercent, formatRelative } from '../../lib/format';

export const AgentCards_agent = graphql(`
  fragment AgentCards_agent on Agent {
    id
    name
    description
    status
    stats {
      total
      pending
      queued
      running
      succeeded
      failed
      cancelled
      successRate
      averageDurationMs
      lastCompletedAt
    }
  }
`);

/** Every agent persona with what it has done so far. */
export function AgentCards(props: { agents: readonly FragmentType<typeof AgentCards_agent>[] }) {
  const agents = getFragmentData(AgentCards_agent, props.agents);
  return (
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">Agents</h2>
      <ul className="cards">
        {agents.map((a) => (
          <li key={a.id} className="card">
            <div className="card-head">
              <strong>{a.name}</strong> <StatusBadge status={a.status} />
            </div>
            {a.description && <p className="muted">{a.description}</p>}
            <dl className="facts">
              <dt>Tasks</dt>
              <dd>
                {a.stats.total} total, {a.stats.running} running, {a.stats.queued + a.stats.pending} waiting
              </dd>
              <dt>Outcome</dt>
              <dd>
                {a.stats.succeeded} succeeded, {a.stats.failed} failed
              </dd>
              <dt>Success rate</dt>
              <dd>{formatPercent(a.stats.successRate)}</dd>
              <dt>Average run</dt>
              <dd>{formatMs(a.stats.averageDurationMs)}</dd>
              <dt>Last done</dt>
              <dd>{formatRelative(a.stats.lastCompletedAt)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { AgentCards_AgentFragment } from '../../gql/graphql';
import { formatMs, formatPercent, formatRelative } from '../../lib/format';

/**
 * Every agent persona with what it has done so far. The counts are deferred: they add up the whole task
 * history, so the cards and the run form show before them.
 */
export const AgentCards_agent = graphql(`
  fragment AgentCards_agent on Agent {
    id
    name
    description
    status
    ... @defer {
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
  }
`);

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
            {a.stats ? <AgentFacts stats={a.stats} /> : <p className="muted">Counting tasks…</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Stats = NonNullable<AgentCards_AgentFragment['stats']>;

function AgentFacts({ stats }: { stats: Stats }) {
  return (
    <dl className="facts">
      <dt>Tasks</dt>
      <dd>
        {stats.total} total, {stats.running} running, {stats.queued + stats.pending} waiting
      </dd>
      <dt>Outcome</dt>
      <dd>
        {stats.succeeded} succeeded, {stats.failed} failed
      </dd>
      <dt>Success rate</dt>
      <dd>{formatPercent(stats.successRate)}</dd>
      <dt>Average run</dt>
      <dd>{formatMs(stats.averageDurationMs)}</dd>
      <dt>Last done</dt>
      <dd>{formatRelative(stats.lastCompletedAt)}</dd>
    </dl>
  );
}

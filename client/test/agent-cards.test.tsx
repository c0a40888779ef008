import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../src/gql';
import type { AgentCards_AgentFragment } from '../src/gql/graphql';
import { AgentCards, AgentCards_agent } from '../src/pages/tasks/AgentCards';

afterEach(cleanup);

const agent: AgentCards_AgentFragment = {
  __typename: 'Agent',
  id: 'a1',
  name: 'research',
  description: null,
  status: 'ACTIVE',
};

const stats: NonNullable<AgentCards_AgentFragment['stats']> = {
  __typename: 'AgentStats',
  total: 7,
  pending: 1,
  queued: 1,
  running: 2,
  succeeded: 3,
  failed: 0,
  cancelled: 0,
  successRate: 1,
  averageDurationMs: 1200,
  lastCompletedAt: null,
};

describe('agent cards with deferred counts', () => {
  it('shows the card while the counts are still coming, then the counts', () => {
    const { rerender } = render(<AgentCards agents={[makeFragmentData(agent, AgentCards_agent)]} />);

    expect(screen.getByText('research')).toBeTruthy();
    expect(screen.getByText('Counting tasks…')).toBeTruthy();

    rerender(<AgentCards agents={[makeFragmentData({ ...agent, stats }, AgentCards_agent)]} />);
    expect(screen.queryByText('Counting tasks…')).toBeNull();
    expect(screen.getByText('7 total, 2 running, 2 waiting')).toBeTruthy();
  });
});

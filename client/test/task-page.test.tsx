import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../src/gql';
import type { PipelineGraph_TaskFragment } from '../src/gql/graphql';
import PipelineGraph, { PipelineGraph_task } from '../src/pages/tasks/PipelineGraph';
import { TaskLogPanel, TaskLogPanel_task } from '../src/pages/tasks/TaskLogPanel';

afterEach(cleanup);

type Status = 'PENDING' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

const step = (id: string, type: string, status: Status) => ({
  __typename: 'Task' as const,
  id,
  type,
  agent: 'research',
  status,
  schedule: null,
});
const steps = (...nodes: ReturnType<typeof step>[]) => ({
  __typename: 'TaskConnection' as const,
  edges: nodes.map((node) => ({ __typename: 'TaskEdge' as const, node })),
});

/** A client whose subscriptions stay open and say which task each one watches. */
function watchingClient() {
  const watched: string[] = [];
  const link = new ApolloLink((operation) => {
    watched.push(String(operation.variables.id));
    return new Observable(() => undefined);
  });
  return { client: new ApolloClient({ cache: new InMemoryCache(), link }), watched };
}

function renderGraph(task: PipelineGraph_TaskFragment) {
  const { client, watched } = watchingClient();
  render(
    <ApolloProvider client={client}>
      <MemoryRouter>
        <PipelineGraph task={makeFragmentData(task, PipelineGraph_task)} />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return watched;
}

describe('PipelineGraph', () => {
  it("draws the pipeline's steps with an edge each into the pipeline, linked and coloured by status", () => {
    const watched = renderGraph({
      ...step('p', 'publish_report', 'PENDING'),
      parent: null,
      children: steps(step('a', 'web_research', 'SUCCEEDED'), step('b', 'summarize', 'RUNNING')),
    });

    const graph = screen.getByRole('heading', { name: 'Pipeline' }).parentElement as HTMLElement;
    expect(graph.querySelector('svg title')?.textContent).toBe('2 steps side by side, then Publish report');
    expect(
      within(graph).getByRole('link', { name: 'Step 1: Web research by research, succeeded' }),
    ).toBeTruthy();
    expect(
      within(graph)
        .getByRole('link', { name: 'Step 2: Summarize by research, running' })
        .getAttribute('href'),
    ).toBe('/tasks/b');
    expect(
      within(graph).getByRole('link', { name: 'Pipeline: Publish report by research, pending' }),
    ).toBeTruthy();
    expect(graph.querySelectorAll('path')).toHaveLength(2);
    const fills = [...graph.querySelectorAll('rect')].map((r) => (r as SVGElement).style.fill);
    expect(fills).toEqual(['var(--ok-bg)', 'var(--info-bg)', 'var(--neutral-bg)']);
    // Only the unfinished steps are watched; the page's own task has its page's subscription.
    expect(watched).toEqual(['b']);
  });

  it("on a step's page, draws its pipeline with that step outlined", () => {
    const watched = renderGraph({
      ...step('b', 'summarize', 'FAILED'),
      children: steps(),
      parent: {
        ...step('p', 'publish_report', 'FAILED'),
        children: steps(step('a', 'web_research', 'SUCCEEDED'), step('b', 'summarize', 'FAILED')),
      },
    });

    const outlined = [...document.querySelectorAll('rect')].map((r) => r.getAttribute('stroke-width'));
    expect(outlined).toEqual(['1', '3', '1']);
    expect(watched).toEqual([]);
  });

  it("draws nothing for a task in no pipeline, nor for a schedule's runs", () => {
    renderGraph({ ...step('x', 'noop', 'RUNNING'), parent: null, children: steps() });
    renderGraph({
      ...step('s', 'health_check', 'PENDING'),
      schedule: '*/5 * * * *',
      parent: null,
      children: steps(step('r1', 'health_check', 'SUCCEEDED')),
    });
    expect(screen.queryByRole('heading', { name: 'Pipeline' })).toBeNull();
  });
});

describe('TaskLogPanel', () => {
  const log = (status: Status, lines: { message: string; data?: unknown }[]) =>
    makeFragmentData(
      {
        __typename: 'Task',
        id: 't',
        status,
        logs: lines.map((l, i) => ({
          __typename: 'TaskLog' as const,
          createdAt: `2026-12-04T02:00:0${i}.000Z`,
          level: 'INFO' as const,
          message: l.message,
          data: (l.data ?? null) as Record<string, unknown> | null,
        })),
      },
      TaskLogPanel_task,
    );

  it('shows each line with its data while the task runs, marked live', () => {
    render(
      <TaskLogPanel
        task={log('RUNNING', [{ message: 'searching' }, { message: 'found', data: { hits: 3 } }])}
      />,
    );

    expect(screen.getByRole('heading', { name: 'Log (live)' })).toBeTruthy();
    const lines = within(screen.getByRole('log', { name: 'Task log' })).getAllByRole('listitem');
    expect(lines.map((li) => li.textContent?.includes('found'))).toEqual([false, true]);
    expect(lines[1].querySelector('pre')?.textContent).toBe('{\n  "hits": 3\n}');
  });

  it('says so when a finished task wrote nothing', () => {
    render(<TaskLogPanel task={log('SUCCEEDED', [])} />);
    expect(screen.getByRole('heading', { name: 'Log' })).toBeTruthy();
    expect(screen.getByText('This task wrote no log lines.')).toBeTruthy();
  });
});

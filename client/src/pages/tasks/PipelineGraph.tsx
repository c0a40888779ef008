import { useSubscription } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { toneOf } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { TaskStatus } from '../../gql/graphql';
import { humanize } from '../../lib/format';
import { FINISHED } from './task-status';

export const PipelineGraph_task = graphql(`
  fragment PipelineGraph_task on Task {
    id
    type
    agent
    status
    schedule
    children(first: 10) {
      edges {
        node {
          id
          type
          agent
          status
        }
      }
    }
    parent {
      id
      type
      agent
      status
      schedule
      children(first: 10) {
        edges {
          node {
            id
            type
            agent
            status
          }
        }
      }
    }
  }
`);

/** One step's status, live: the answer lands in the cache by id, and the page's query re-renders the graph. */
const PipelineStepSubscription = graphql(`
  subscription PipelineStep($id: ID!) {
    taskUpdated(id: $id) {
      id
      status
    }
  }
`);

interface Step {
  id: string;
  type: string;
  agent: string;
  status: TaskStatus;
}

const W = 200;
const H = 44;
const GAP = 12;
const RUN = 72;

function StepWatch({ id }: { id: string }) {
  useSubscription(PipelineStepSubscription, { variables: { id } });
  return null;
}

function Node({
  step,
  x,
  y,
  current,
  label,
}: {
  step: Step;
  x: number;
  y: number;
  current: boolean;
  label: string;
}) {
  const tone = toneOf(step.status);
  const name = humanize(step.type);
  return (
    <Link
      to={`/tasks/${step.id}`}
      aria-label={`${label}: ${name} by ${step.agent}, ${step.status.toLowerCase()}`}
    >
      <rect
        x={x}
        y={y}
        width={W}
        height={H}
        rx={6}
        style={{ fill: `var(--${tone}-bg)`, stroke: `var(--${tone}-text)` }}
        strokeWidth={current ? 3 : 1}
      />
      <text x={x + 10} y={y + 18} style={{ fill: `var(--${tone}-text)` }} fontWeight={600} fontSize={13}>
        {name.length > 26 ? `${name.slice(0, 25)}…` : name}
      </text>
      <text x={x + 10} y={y + 35} style={{ fill: `var(--${tone}-text)` }} fontSize={12}>
        {step.agent} · {step.status.toLowerCase()}
      </text>
    </Link>
  );
}

/**
 * A pipeline as a graph: its steps (child tasks, run side by side) on the left, each with an edge to
 * the pipeline task on the right, which runs once they all succeed. On a step's page, the pipeline it
 * belongs to, with that step outlined. Colours are the status badges'; every node links to its task.
 */
export default function PipelineGraph(props: { task: FragmentType<typeof PipelineGraph_task> }) {
  const task = getFragmentData(PipelineGraph_task, props.task);
  const pipeline: Step & { schedule: string | null; children: { edges: { node: Step }[] } } =
    task.children.edges.length > 0 || !task.parent ? task : task.parent;
  const steps = pipeline.children.edges.map((e) => e.node);
  // A schedule's children are its runs, one after another in time, not steps of one piece of work.
  if (steps.length === 0 || pipeline.schedule) return null;
  const height = steps.length * (H + GAP) - GAP;
  const sinkY = (height - H) / 2;
  const live = [pipeline, ...steps].filter((s) => s.id !== task.id && !FINISHED.has(s.status));
  return (
    <section aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline</h2>
      {live.map((s) => (
        <StepWatch key={s.id} id={s.id} />
      ))}
      <svg
        className="pipeline-graph"
        viewBox={`-2 -2 ${2 * W + RUN + 4} ${height + 4}`}
        width={2 * W + RUN + 4}
        height={height + 4}
        style={{ maxWidth: '100%', height: 'auto' }}
      >
        <title>
          {steps.length} {steps.length === 1 ? 'step' : 'steps'} side by side, then {humanize(pipeline.type)}
        </title>
        {steps.map((s, i) => {
          const y = i * (H + GAP) + H / 2;
          return (
            <path
              key={`edge-${s.id}`}
              d={`M ${W} ${y} C ${W + RUN / 2} ${y}, ${W + RUN / 2} ${sinkY + H / 2}, ${W + RUN} ${sinkY + H / 2}`}
              fill="none"
              stroke="currentColor"
              strokeOpacity={0.5}
              strokeDasharray={FINISHED.has(s.status) ? undefined : '4 3'}
            />
          );
        })}
        {steps.map((s, i) => (
          <Node
            key={s.id}
            step={s}
            x={0}
            y={i * (H + GAP)}
            current={s.id === task.id}
            label={`Step ${i + 1}`}
          />
        ))}
        <Node step={pipeline} x={W + RUN} y={sinkY} current={pipeline.id === task.id} label="Pipeline" />
      </svg>
    </section>
  );
}

/** The bench's load: a mixed GraphQL workload in phases, with the CPU time the platform spent on it. */
import { procCpu } from '@trae/kit/testing';
import type { Platform } from '../platform.js';

export const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 12_000);
/** Requests in flight at once (each virtual user waits for its answer before the next). */
export const USERS = Number(process.env.BENCH_USERS ?? 16);
export const OPERATIONS = [
  { name: 'me', weight: 4, query: '{ me { id username role } }' },
  { name: 'tasks', weight: 4, query: '{ tasks(first: 10) { edges { node { id status agent } } } }' },
  {
    name: 'createTask',
    weight: 2,
    query: 'mutation { createTask(input: { agent: "system", type: "noop", input: {} }) { id } }',
  },
];
const DECK = OPERATIONS.flatMap((o) => Array.from({ length: o.weight }, () => o));

export interface Phase {
  label: string;
  ok: number;
  failed: number;
  ms: number;
  latencies: number[];
  events: number;
  cpu: number;
  /** CPU seconds by service (its instances together), and HAProxy's. */
  cpuBy: Record<string, number>;
}

/** Why requests failed, by reason, across the whole run. */
export const failures = new Map<string, number>();

export async function gql(base: string, query: string, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  const body = (text.startsWith('{') ? JSON.parse(text) : {}) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
  };
  if (res.ok && body.data && !body.errors) return body.data;
  const reason = `HTTP ${res.status} ${body.errors?.[0]?.extensions?.code ?? text.slice(0, 40)}`;
  failures.set(reason, (failures.get(reason) ?? 0) + 1);
  return undefined;
}

/** A graphql-ws (graphql-transport-ws) subscriber on Node's own WebSocket; counts the events it gets. */
export function subscribe(base: string, token: string, onEvent: () => void) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const send = (message: object) => ws.send(JSON.stringify(message));
  ws.onopen = () => send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  ws.onmessage = (m) => {
    const message = JSON.parse(String(m.data)) as { type: string };
    if (message.type === 'connection_ack')
      send({ id: '1', type: 'subscribe', payload: { query: 'subscription { taskUpdated { id status } }' } });
    if (message.type === 'ping') send({ type: 'pong' });
    if (message.type === 'next') onEvent();
  };
  return { close: () => ws.close() };
}

/** CPU seconds used so far by every process of the platform (services, workers, HAProxy), by service. */
function platformCpu(platform: Platform, names: string[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const name of names) {
    const service = name.replace(/#\d+$/, '');
    by[service] = (by[service] ?? 0) + (procCpu(platform.pid(name) ?? -1)?.cpu ?? 0);
  }
  return by;
}
const total = (by: Record<string, number>) => Object.values(by).reduce((a, b) => a + b, 0);

/** What every phase of one platform shares. */
export interface Target {
  platform: Platform;
  token: string;
  /** Its processes, for their CPU time. */
  names: string[];
  /** Subscription events received so far. */
  events: () => number;
}

export interface PhaseOptions {
  label: string;
  /** HAProxy's public URL, or one gateway's own. */
  base: string;
  /** @default USERS */
  users?: number;
  /** @default PHASE_MS */
  ms?: number;
  /** Runs alongside the load; told how many requests are in flight at any moment. */
  during?: (inFlight: () => number) => Promise<unknown>;
}

/** `users` loops sending the mixed workload to `base` for `ms`, each waiting for its answer. */
export async function run(target: Target, o: PhaseOptions): Promise<Phase> {
  const { platform, token, names } = target;
  const ms = o.ms ?? PHASE_MS;
  const phase: Phase = { label: o.label, ok: 0, failed: 0, ms, latencies: [], events: 0, cpu: 0, cpuBy: {} };
  let inFlight = 0;
  const cpuBefore = platformCpu(platform, names);
  const eventsBefore = target.events();
  const started = performance.now();
  const until = started + ms;
  const user = async (u: number) => {
    for (let i = u; performance.now() < until; i++) {
      const op = DECK[i % DECK.length];
      const t = performance.now();
      inFlight++;
      const done = await gql(o.base, op.query, token).catch((err: Error) => {
        failures.set(err.message, (failures.get(err.message) ?? 0) + 1);
      });
      inFlight--;
      if (done) {
        phase.ok++;
        phase.latencies.push(performance.now() - t);
      } else phase.failed++;
    }
  };
  const users = Array.from({ length: o.users ?? USERS }, (_, u) => user(u));
  await Promise.all([...users, o.during?.(() => inFlight)]);
  phase.ms = performance.now() - started;
  const cpuAfter = platformCpu(platform, names);
  for (const name of Object.keys(cpuAfter)) phase.cpuBy[name] = cpuAfter[name] - cpuBefore[name];
  phase.cpu = total(phase.cpuBy);
  phase.events = target.events() - eventsBefore;
  phase.latencies.sort((a, b) => a - b);
  return phase;
}

export const rate = (p: Phase) => p.ok / (p.ms / 1000);
export const merge = (label: string, list: Phase[]): Phase => ({
  label,
  ok: list.reduce((n, p) => n + p.ok, 0),
  failed: list.reduce((n, p) => n + p.failed, 0),
  ms: list.reduce((n, p) => n + p.ms, 0),
  latencies: list.flatMap((p) => p.latencies).sort((a, b) => a - b),
  events: list.reduce((n, p) => n + p.events, 0),
  cpu: list.reduce((n, p) => n + p.cpu, 0),
  cpuBy: Object.fromEntries(
    Object.keys(list[0].cpuBy).map((name) => [name, list.reduce((n, p) => n + p.cpuBy[name], 0)]),
  ),
});

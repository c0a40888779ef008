/**
 * Every process `npm start` runs (each of them N times with `--replicas N`). Adding a subgraph is one
 * line here and a `listen` section in deploy/haproxy/haproxy.cfg; the gateway always starts last.
 */
export interface ServiceSpec {
  /** Log prefix, and the name of its `<NAME>_URL` / `<NAME>_PORT` variables. */
  name: string;
  role: 'subgraph' | 'worker' | 'gateway';
  /** Entry file, relative to the repo root. */
  entry: string;
  args?: string[];
  /** Default port, given to the process as PORT; a worker has none. */
  port?: number;
  /** Path answering 200 once the service can take traffic; without one it is ready once spawned. */
  ready?: string;
  /**
   * The variable naming this process where several instances share a host (they must not share a
   * lease owner or a stream consumer); replicas get `<host>-<n>`.
   */
  instanceId?: string;
}

export const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'identity',
    role: 'subgraph',
    entry: 'subgraphs/identity/dist/index.js',
    port: 4001,
    ready: '/ready',
  },
  {
    name: 'files',
    role: 'subgraph',
    entry: 'subgraphs/files/dist/index.js',
    port: 4004,
    ready: '/ready',
    instanceId: 'FILES_INSTANCE_ID',
  },
  {
    name: 'channels',
    role: 'subgraph',
    entry: 'subgraphs/channels/dist/index.js',
    port: 4002,
    ready: '/ready',
  },
  { name: 'tasks', role: 'subgraph', entry: 'subgraphs/tasks/dist/index.js', port: 4003, ready: '/ready' },
  {
    name: 'tasks-worker',
    role: 'worker',
    entry: 'subgraphs/tasks/dist/index.js',
    args: ['worker'],
    port: 4013,
    ready: '/ready',
  },
  {
    name: 'observability',
    role: 'subgraph',
    entry: 'subgraphs/observability/dist/index.js',
    port: 4005,
    ready: '/ready',
    instanceId: 'LOG_CONSUMER_NAME',
  },
  {
    name: 'webhooks',
    role: 'subgraph',
    entry: 'subgraphs/webhooks/dist/index.js',
    port: 4006,
    ready: '/ready',
  },
  { name: 'gateway', role: 'gateway', entry: 'gateway/dist/index.js', port: 4000, ready: '/health' },
];

/** `identity` -> `IDENTITY`, `agent-runtime` -> `AGENT_RUNTIME`. */
export const envName = (service: string) => service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

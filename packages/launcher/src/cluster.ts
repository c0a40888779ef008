import { hostname } from 'node:os';
import { freePorts } from './ports.js';
import { envName, type ServiceSpec } from './services.js';

/** One process of a service: the service itself when it runs once, `tasks#2` among replicas. */
export interface Instance {
  name: string;
  spec: ServiceSpec;
  /** Its service's place in the registry, which picks the colour of its log prefix. */
  order: number;
  /** 1 for a service run once, n for `tasks#n`. */
  index: number;
  port?: number;
  /** Variables of this process only: its PORT and, among replicas, its instance id. */
  env: Record<string, string>;
}

export interface Layout {
  /** The port each service is reached on: its process's, or HAProxy's frontend among replicas. */
  fronts: Map<string, number>;
  instances: Instance[];
  /** HAProxy's statistics (replicas only). */
  statsPort?: number;
}

/** Instance `i` of a service listens on the service's port + 100 × i: tasks (4003) on 4103 and 4203. */
export const instancePort = (port: number, i: number) => port + 100 * i;

/** HAProxy's usual statistics port. */
export const DEFAULT_STATS_PORT = 8404;

export interface LayoutOptions {
  /** 'random' picks free ports (parallel test runs); a record overrides some defaults by name. */
  ports?: 'random' | Record<string, number>;
  /** Instances of each service behind HAProxy; none means one process each, no balancer. */
  replicas?: number;
  /** @default DEFAULT_STATS_PORT, or a free one with ports 'random' */
  statsPort?: number;
}

/** Every port of a start, picked at once so that no two of the free ones can be the same. */
export async function layOut(specs: readonly ServiceSpec[], options: LayoutOptions): Promise<Layout> {
  const { ports, replicas } = options;
  const listening = specs.filter((s) => s.port !== undefined);
  const random = ports === 'random';
  const needed = random ? listening.length * (1 + (replicas ?? 0)) + (replicas ? 1 : 0) : 0;
  const free = await freePorts(needed);
  const next = () => free.shift()!;
  const given = random ? undefined : ports;
  const fronts = new Map(listening.map((s) => [s.name, random ? next() : (given?.[s.name] ?? s.port!)]));
  if (replicas === undefined) {
    const instances = specs.map((spec, order): Instance => {
      const port = fronts.get(spec.name);
      return {
        name: spec.name,
        spec,
        order,
        index: 1,
        port,
        env: port === undefined ? {} : { PORT: String(port) },
      };
    });
    return { fronts, instances };
  }
  const instances = specs.flatMap((spec, order) =>
    Array.from({ length: replicas }, (_, k): Instance => {
      const i = k + 1;
      const front = fronts.get(spec.name);
      const port = front === undefined ? undefined : random ? next() : instancePort(front, i);
      const env: Record<string, string> = port === undefined ? {} : { PORT: String(port) };
      // Instances sharing a host must not share a lease owner or a stream consumer; stable across restarts.
      if (spec.instanceId) env[spec.instanceId] = `${hostname()}-${i}`;
      return { name: `${spec.name}#${i}`, spec, order, index: i, port, env };
    }),
  );
  return { fronts, instances, statsPort: random ? next() : (options.statsPort ?? DEFAULT_STATS_PORT) };
}

/** The variables deploy/haproxy/haproxy.cfg reads for the cluster: every frontend on loopback. */
export function balancerEnv(layout: Layout, socket: string): Record<string, string> {
  const env: Record<string, string> = {
    HAPROXY_STATS_BIND: `127.0.0.1:${layout.statsPort}`,
    HAPROXY_SOCKET: socket,
  };
  for (const [name, port] of layout.fronts) env[`HAPROXY_${envName(name)}_BIND`] = `127.0.0.1:${port}`;
  return env;
}

/** Each service's instances as HAProxy servers (`127.0.0.1:4103`), by service name. */
export function balancedServers(layout: Layout): Record<string, string[]> {
  const servers: Record<string, string[]> = {};
  for (const instance of layout.instances) {
    if (instance.port === undefined) continue;
    servers[instance.spec.name] = [...(servers[instance.spec.name] ?? []), `127.0.0.1:${instance.port}`];
  }
  return servers;
}

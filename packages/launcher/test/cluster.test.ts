import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { balancerEnv, layOut } from '../src/cluster.js';
import { SERVICES } from '../src/services.js';

describe('cluster layout', () => {
  it('puts instance n of a service on its port + 100 × n, HAProxy on the service ports', async () => {
    const layout = await layOut(SERVICES, { replicas: 2, ports: { gateway: 5000 } });
    const byName = Object.fromEntries(layout.instances.map((i) => [i.name, i]));

    expect(layout.fronts.get('gateway')).toBe(5000);
    expect(layout.fronts.get('tasks')).toBe(4003);
    expect(byName['gateway#2'].env).toEqual({ PORT: '5200' });
    expect(byName['tasks-worker#1'].env).toEqual({ PORT: '4113' });
    // Instances sharing a host need their own lease owner and log-stream consumer.
    expect(byName['files#2'].env).toEqual({ PORT: '4204', FILES_INSTANCE_ID: `${hostname()}-2` });
    expect(byName['observability#1'].env.LOG_CONSUMER_NAME).toBe(`${hostname()}-1`);
    expect(layout.statsPort).toBe(8404);
    expect(balancerEnv(layout, '/run/x.sock')).toMatchObject({
      HAPROXY_GATEWAY_BIND: '127.0.0.1:5000',
      HAPROXY_TASKS_WORKER_BIND: '127.0.0.1:4013',
      HAPROXY_STATS_BIND: '127.0.0.1:8404',
      HAPROXY_SOCKET: '/run/x.sock',
    });
  });

  it('picks distinct free ports for everything with ports "random"', async () => {
    const layout = await layOut(SERVICES, { replicas: 3, ports: 'random' });
    const ports = [...layout.fronts.values(), ...layout.instances.map((i) => i.port), layout.statsPort];

    expect(layout.instances).toHaveLength(SERVICES.length * 3);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('runs each service once under its own name without replicas', async () => {
    const layout = await layOut(SERVICES, {});

    expect(layout.instances.map((i) => i.name)).toEqual(SERVICES.map((s) => s.name));
    expect(layout.instances.find((i) => i.name === 'files')?.env).toEqual({ PORT: '4004' });
    expect(layout.statsPort).toBeUndefined();
  });
});

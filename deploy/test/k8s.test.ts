import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IService } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { configMap, type K8sObject, named, ofKind, render } from './support/kustomize.js';
import {
  built,
  commandOf,
  isCredential,
  requiredSecrets,
  service,
  services,
  subgraphs,
  variablesOf,
} from './support/platform.js';
import { validate } from './support/schemas.js';

const OVERLAYS = ['dev', 'production', 'production-keda'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(`overlays/${o}`)])) as Record<
  (typeof OVERLAYS)[number],
  K8sObject[]
>;

const containerOf = (d: IDeployment) => d.spec!.template.spec!.containers[0];
const envValue = (c: IContainer, name: string) => c.env?.find((e) => e.name === name)?.value;

/** Every variable a container gets: its ConfigMaps (envFrom) first, its own env over them. */
function environment(objects: K8sObject[], c: IContainer): Map<string, { value?: string; secret?: boolean }> {
  const env = new Map<string, { value?: string; secret?: boolean }>();
  for (const from of c.envFrom ?? []) {
    const name = from.configMapRef?.name;
    const map = ofKind<{ metadata: { name: string }; data?: Record<string, string> }>(
      objects,
      'ConfigMap',
    ).find((m) => m.metadata.name === name);
    if (!map) throw new Error(`${c.name}: envFrom names ConfigMap ${name}, which is not rendered`);
    for (const [k, value] of Object.entries(map.data ?? {})) env.set(k, { value });
  }
  for (const e of c.env ?? []) {
    env.set(e.name, e.valueFrom?.secretKeyRef ? { secret: true } : { value: e.value });
  }
  return env;
}

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const objects = rendered[overlay];
  const deployments = ofKind<IDeployment>(objects, 'Deployment');

  it('renders, and every object validates against its Kubernetes (or CRD) schema', async () => {
    expect(objects.length).toBeGreaterThan(30);
    for (const object of objects) {
      await expect(validate(object), `${object.kind} ${object.metadata.name}`).resolves.toBeUndefined();
    }
  });

  it.each(services.map((s) => [s.name, s] as const))(
    '%s: a Deployment running its entry point',
    async (_, spec) => {
      const deployment = named(deployments, spec.name);
      const c = containerOf(deployment);

      expect(built(spec), `${spec.entry} is built`).toBe(true);
      expect(c.command).toEqual(commandOf(spec));
      expect(c.ports).toEqual([{ name: 'http', containerPort: spec.port }]);
      expect(envValue(c, spec.role === 'worker' ? 'WORKER_PORT' : 'PORT')).toBe(String(spec.port));
      const service = named(ofKind<IService>(objects, 'Service'), spec.name);
      expect(service.spec?.ports).toEqual([{ name: 'http', port: spec.port, targetPort: 'http' }]);
      expect(service.spec?.selector).toEqual(deployment.spec?.selector.matchLabels);
    },
  );

  it('sets only variables the services read, each once', async () => {
    const containers = [
      ...services.map((s) => ({ spec: s, c: containerOf(named(deployments, s.name)) })),
      ...named(ofKind<IJob>(objects, 'Job'), 'trae-migrate').spec!.template.spec!.containers.map((c) => ({
        spec: service(c.name),
        c,
      })),
    ];
    for (const { spec, c } of containers) {
      const reads = await variablesOf(spec);
      const names = (c.env ?? []).map((e) => e.name);
      expect(new Set(names).size, `${c.name}: a variable set twice`).toBe(names.length);
      for (const name of environment(objects, c).keys()) {
        expect(reads.has(name), `${c.name} is given ${name}, which its config does not read`).toBe(true);
      }
    }
  });

  it('takes every required secret from a Secret, and no credential from a literal', () => {
    for (const spec of services) {
      const c = containerOf(named(deployments, spec.name));
      const env = environment(objects, c);
      for (const name of requiredSecrets(spec.name)) {
        const ref = c.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
        expect(ref, `${spec.name}: ${name} from a Secret`).toMatchObject({
          name: expect.any(String),
          key: name,
        });
        expect(ref?.optional, `${spec.name}: ${name} is required`).not.toBe(true);
      }
      for (const [name, v] of env) {
        if (isCredential(name)) expect(v.secret, `${spec.name}: ${name} is a literal`).toBe(true);
      }
    }
    const secrets = ofKind<K8sObject>(objects, 'Secret');
    if (overlay === 'dev') {
      // Generated from literals (a hashed name, so a change rolls the pods), holding every key asked for.
      expect(secrets.map((s) => s.metadata.name)).toEqual([
        expect.stringMatching(/^trae-secrets-[a-z0-9]{10}$/),
      ]);
      const keys = Object.keys(secrets[0].data ?? {});
      for (const d of deployments) {
        for (const e of containerOf(d).env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref && !ref.optional) expect(keys, `${d.metadata?.name}: ${e.name}`).toContain(ref.key);
        }
      }
    } else {
      expect(secrets, 'production brings its own Secrets').toEqual([]);
    }
  });

  it('gives the tasks API and worker the model and Base44 settings, their keys from a Secret only', () => {
    const secretRef = (c: IContainer, name: string) =>
      c.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    const keysOf: Record<string, string[]> = {
      tasks: ['LLM_BASE_URL', 'LLM_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'],
      'tasks-worker': [
        'LLM_BASE_URL',
        'LLM_API_KEY',
        'OPENAI_API_KEY',
        'ANTHROPIC_API_KEY',
        'BASE44_API_KEY',
      ],
      observability: ['BASE44_API_KEY'],
    };
    for (const [name, keys] of Object.entries(keysOf)) {
      const c = containerOf(named(deployments, name));
      const env = environment(objects, c);
      for (const key of keys) {
        // Optional: without a key the platform runs on (the template engine writes; no Base44).
        expect(secretRef(c, key), `${name}: ${key} from trae-secrets`).toEqual({
          name: expect.stringMatching(/^trae-secrets(-[a-z0-9]{10})?$/),
          key,
          optional: true,
        });
        expect(env.get(key), `${name}: ${key} never a literal`).toEqual({ secret: true });
      }
      expect(env.has('BASE44_URL'), `${name}: BASE44_URL`).toBe(true);
    }
    for (const name of ['tasks', 'tasks-worker']) {
      const env = environment(objects, containerOf(named(deployments, name)));
      for (const setting of ['LLM_MODEL', 'LLM_PRICES', 'LLM_USER_DAILY_TOKENS', 'LLM_AGENT_DAILY_TOKENS']) {
        expect(env.get(setting)?.value, `${name}: ${setting}`).toBeDefined();
      }
    }
    // No key in any ConfigMap, whatever an overlay merges into it.
    for (const map of ofKind<{ metadata: { name: string }; data?: Record<string, string> }>(
      objects,
      'ConfigMap',
    )) {
      for (const key of Object.keys(map.data ?? {})) {
        expect(isCredential(key), `ConfigMap ${map.metadata.name} holds ${key}`).toBe(false);
      }
    }
  });

  it("has observability scrape every process and read each one's /health/external", () => {
    // Its own list replaces the default one: a process missing here has no metrics and no outside checks
    // (webhooks' smtp, files' s3) in systemHealth.
    const targets = envValue(containerOf(named(deployments, 'observability')), 'SCRAPE_TARGETS') ?? '';
    expect(targets.split(',').map((t) => t.split('=')[0])).toEqual(
      expect.arrayContaining(services.map((s) => s.name)),
    );
  });

  it('points every service at the others by their Services', () => {
    const config = configMap(objects, 'trae-config').data ?? {};
    for (const spec of subgraphs) {
      expect(config[`${spec.name.toUpperCase()}_URL`]).toBe(`http://${spec.name}:${spec.port}`);
    }
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.NODE_ENV).toBe('production');
  });

  it('probes readiness at /ready and liveness without dependencies, and drains within the grace period', () => {
    for (const spec of services) {
      const d = named(deployments, spec.name);
      const c = containerOf(d);
      expect(c.readinessProbe?.httpGet, spec.name).toMatchObject({ path: '/ready', port: 'http' });
      expect(c.startupProbe, spec.name).toBeDefined();
      // Liveness never asks a dependency (the gateway's /health is the whole platform's, 503 without PostgreSQL).
      expect(c.livenessProbe?.httpGet).toMatchObject({ path: '/health/live', port: 'http' });

      const sleep = Number(c.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
      const env = environment(objects, c);
      const shutdownMs = Number(env.get('SHUTDOWN_TIMEOUT_MS')?.value ?? 10_000);
      const graceMs = (d.spec!.template.spec!.terminationGracePeriodSeconds ?? 30) * 1000;
      expect(graceMs, `${spec.name}: grace covers preStop + SHUTDOWN_TIMEOUT_MS`).toBeGreaterThanOrEqual(
        sleep * 1000 + shutdownMs + 2_000,
      );
      if (spec.role !== 'worker') expect(sleep, `${spec.name}: preStop sleep`).toBeGreaterThan(0);

      expect(c.resources?.requests, spec.name).toMatchObject({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(c.resources?.limits?.memory, spec.name).toBeDefined();
    }
  });

  it('scales every process on CPU (2 to 10 at 70% in production), and budgets disruptions', () => {
    const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
    const keda = ofKind<{ spec: Record<string, unknown> & { scaleTargetRef: { name: string } } }>(
      objects,
      'ScaledObject',
    );
    for (const spec of services) {
      const pdb = named(ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget'), spec.name);
      expect(pdb.spec?.selector?.matchLabels).toEqual(
        named(deployments, spec.name).spec?.selector.matchLabels,
      );
      // dev keeps files on one ReadWriteOnce volume: one replica, no autoscaler.
      if (overlay === 'dev' && spec.name === 'files') continue;
      const scaled = keda.find((k) => k.spec.scaleTargetRef.name === spec.name);
      if (scaled) {
        expect(hpas.find((h) => h.spec?.scaleTargetRef.name === spec.name)).toBeUndefined();
        expect(scaled.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 10 });
        expect(scaled.spec.triggers).toContainEqual({
          type: 'cpu',
          metricType: 'Utilization',
          metadata: { value: '70' },
        });
        continue;
      }
      const hpa = named(hpas, spec.name);
      expect(hpa.spec?.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: spec.name,
      });
      expect(hpa.spec?.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      if (overlay !== 'dev') expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
      // The autoscaler owns the count; a Deployment's own would be reset by every apply.
      if (overlay !== 'dev') expect(named(deployments, spec.name).spec?.replicas).toBeUndefined();
    }
  });

  it('lets only the gateway in from outside, and into each subgraph the gateway and its callers', () => {
    const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
    expect(named(policies, 'default-deny-ingress').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    const admits = (name: string) => {
      const policy = named(policies, name);
      expect(policy.spec?.podSelector?.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      return (policy.spec?.ingress ?? []).flatMap((rule) => rule.from ?? []);
    };
    for (const spec of services) {
      const from = admits(spec.name);
      const outside = from.filter(
        (peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx',
      );
      expect(outside.length, `${spec.name} reachable from the ingress controller`).toBe(
        spec.role === 'gateway' ? 1 : 0,
      );
      if (spec.role === 'subgraph') {
        expect(from).toContainEqual({
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
        });
      }
    }
  });

  it('routes the ingress to the gateway only, with WebSocket and upload settings', () => {
    const ingresses = ofKind<IIngress>(objects, 'Ingress');
    const backends = ingresses.flatMap((i) =>
      (i.spec?.rules ?? []).flatMap((r) =>
        (r.http?.paths ?? []).map((p) => [p.path, p.backend.service?.name]),
      ),
    );
    expect(backends).toEqual([
      ['/', 'gateway'],
      ['/files', 'gateway'],
    ]);
    expect(named(ingresses, 'trae').metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    });
    expect(named(ingresses, 'trae-files').metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-body-size': expect.stringMatching(/^\d+m$/),
    });
  });

  it('migrates every subgraph once per release, in a Job', () => {
    const job = named(ofKind<IJob>(objects, 'Job'), 'trae-migrate');
    const containers = job.spec!.template.spec!.containers;
    expect(containers.map((c) => c.name).sort()).toEqual(subgraphs.map((s) => s.name).sort());
    for (const c of containers) {
      expect(c.command).toEqual(commandOf(service(c.name)));
      expect(envValue(c, 'MIGRATE_ONLY')).toBe('1');
    }
  });

  it('is scraped: a ServiceMonitor in production selects every Service', () => {
    const monitors = ofKind<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      objects,
      'ServiceMonitor',
    );
    if (overlay === 'dev') return expect(monitors).toEqual([]);
    const [monitor] = monitors;
    for (const spec of services) {
      const service = named(ofKind<IService>(objects, 'Service'), spec.name);
      expect(service.metadata?.labels).toMatchObject(monitor.spec.selector.matchLabels);
    }
  });
});

describe('components/keda-worker', () => {
  it("counts each agent queue's waiting jobs under the deployment's REDIS_PREFIX", () => {
    const objects = rendered['production-keda'];
    const prefix = configMap(objects, 'trae-config').data?.REDIS_PREFIX;
    const [scaled] = ofKind<{ spec: { triggers: { type: string; metadata: { listName?: string } }[] } }>(
      objects,
      'ScaledObject',
    );
    const lists = scaled.spec.triggers.filter((t) => t.type === 'redis').map((t) => t.metadata.listName);
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list).toMatch(new RegExp(`^${prefix}bull:[a-z0-9-]+:prioritized$`));
  });
});

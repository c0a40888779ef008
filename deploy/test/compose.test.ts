import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { built, commandOf, REPO, service, services, subgraphs, variablesOf } from './support/platform.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(`${REPO}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const ours = Object.entries(compose.services).filter(([, s]) => s.image?.startsWith('trae-platform'));
const HAPROXY_CFG = 'deploy/haproxy/haproxy.cfg';

describe('docker-compose.yml', () => {
  it.each(services.map((s) => [s.name, s] as const))(
    '%s: two replicas of its built entry point',
    (name, spec) => {
      const s = compose.services[name];

      expect(s, `a compose service named ${name}`).toBeDefined();
      expect(s.command).toEqual(commandOf(spec));
      expect(built(spec), `${spec.entry} is built`).toBe(true);
      expect(s.deploy?.replicas).toBe(2);
      expect(s.ports, 'only HAProxy publishes a port').toBeUndefined();
      expect(s.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    },
  );

  it('runs nothing but the platform, its datastores, HAProxy and the migration step', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [...services.map((s) => s.name), 'haproxy', 'migrate', 'postgres', 'redis'].sort(),
    );
    const published = Object.entries(compose.services).filter(([, s]) => s.ports);
    expect(published.map(([name]) => name)).toEqual(['haproxy']);
    expect(compose.services.haproxy.volumes).toContain(
      `./${HAPROXY_CFG}:/usr/local/etc/haproxy/haproxy.cfg:ro`,
    );
  });

  it('sets only variables the services read', async () => {
    for (const [name, s] of ours) {
      // The migration step runs every subgraph in turn: any of theirs is read by one of them.
      const specs = name === 'migrate' ? subgraphs : [service(name)];
      const reads = new Set((await Promise.all(specs.map(variablesOf))).flatMap((v) => [...v]));
      for (const variable of Object.keys(s.environment ?? {})) {
        expect(reads.has(variable), `${name} is given ${variable}, which its config does not read`).toBe(
          true,
        );
      }
    }
  });

  it('requires the secrets (no defaults), and sends service-to-service calls through HAProxy', () => {
    for (const [name, s] of ours) {
      const env = s.environment ?? {};
      expect(env.INTERNAL_SECRET, name).toMatch(/^\$\{INTERNAL_SECRET:\?/);
      expect(env.DATABASE_URL, name).toContain('${POSTGRES_PASSWORD:?');
      for (const spec of subgraphs) {
        expect(env[`${spec.name.toUpperCase()}_URL`], name).toBe(`http://haproxy:${spec.port}`);
      }
    }
    expect(compose.services.files.environment?.FILES_SIGNING_SECRET).toMatch(/^\$\{FILES_SIGNING_SECRET:\?/);
  });

  it('passes the model and Base44 settings to the tasks API and worker, keys from the environment only', () => {
    const keys = ['LLM_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'];
    const wanted: Record<string, string[]> = {
      tasks: [...keys, 'LLM_BASE_URL', 'LLM_MODEL', 'LLM_PRICES', 'BASE44_URL'],
      'tasks-worker': [...keys, 'LLM_BASE_URL', 'LLM_MODEL', 'LLM_PRICES', 'BASE44_URL', 'BASE44_API_KEY'],
      observability: ['BASE44_URL', 'BASE44_API_KEY'],
    };
    for (const [name, variables] of Object.entries(wanted)) {
      const env = compose.services[name].environment ?? {};
      for (const variable of variables) {
        // Optional (an empty default), and a credential is never written in the file.
        expect(env[variable], `${name}: ${variable}`).toBe(`\${${variable}:-}`);
      }
    }
    for (const [name, s] of ours) {
      for (const [variable, value] of Object.entries(s.environment ?? {})) {
        if (/API_KEY|SECRET|PASSWORD/.test(variable)) expect(value, `${name}: ${variable}`).toMatch(/^\$\{/);
      }
    }
  });

  it('migrates every subgraph with MIGRATE_ONLY before the services start', () => {
    const migrate = compose.services.migrate;
    expect(migrate.environment?.MIGRATE_ONLY).toBe('1');
    const script = migrate.command?.at(-1) ?? '';
    for (const spec of subgraphs) expect(script).toContain(`node ${spec.entry}`);
  });

  it('HAProxy accepts its config with the variables compose passes', () => {
    const env = { ...process.env, ...compose.services.haproxy.environment, HAPROXY_RATE_LIMIT: '500' };
    expect(() =>
      execFileSync('/usr/sbin/haproxy', ['-c', '-f', `${REPO}${HAPROXY_CFG}`], { env, stdio: 'pipe' }),
    ).not.toThrow();
  }, 90_000); // Each server name is looked up once (and times out where the compose network's DNS is absent).
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(`${REPO}Dockerfile`, 'utf8');
  const ignored = readFileSync(`${REPO}.dockerignore`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds every workspace and keeps the build output the entry points run', () => {
    expect(dockerfile).toMatch(/RUN npm ci && npx turbo run build/);
    const workspaces = (JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { workspaces: string[] })
      .workspaces;
    for (const pattern of ignored) {
      for (const workspace of workspaces) {
        expect(workspace.startsWith(pattern.replace(/\/$/, '')), `.dockerignore drops ${workspace}`).toBe(
          false,
        );
      }
      expect(pattern === '**/dist' || !/dist/.test(pattern), `.dockerignore: ${pattern}`).toBe(true);
    }
    for (const spec of services) expect(built(spec), spec.entry).toBe(true);
  });

  it('bakes in no secret', () => {
    expect(dockerfile).not.toMatch(/^\s*(ENV|ARG)\s+(INTERNAL_SECRET|FILES_SIGNING_SECRET|DATABASE_URL)/m);
  });
});

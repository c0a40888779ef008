import { createServer, type Server } from 'node:http';
import { externalHandler } from '@trae/kit';
import { type MisbehavingServer, startMisbehavingServer } from '@trae/kit/testing';
import { smtpServer } from '@trae/kit/testing/smtp';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability } from './setup.js';
import { type FakeTasks, startFakeTasks } from './support/fake-tasks.js';

const SECRET = 'observability-external-test-secret';

const HEALTH = '{ systemHealth { status components { name kind status version error detail } } }';
const STATUS = '/api/apps/trae/production/status';

type Component = { name: string; kind: string; status: string; version: string | null; error: string | null };
type Health = { systemHealth: { status: string; components: Component[] } };

describe('system health: Base44 as an external dependency', () => {
  let h: Harness;
  let base44: MisbehavingServer;
  let tasks: FakeTasks;
  const base44Health = async (token = h.admin) => {
    await h.obs.services.health.probeAndRecord();
    const r = await h.gql<Health>(HEALTH, {}, token);
    return {
      status: r.data?.systemHealth.status,
      base44: r.data?.systemHealth.components.find((c) => c.name === 'base44'),
    };
  };

  beforeAll(async () => {
    base44 = await startMisbehavingServer();
    tasks = await startFakeTasks(SECRET);
    h = await startObservability({
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
      BASE44_URL: `${base44.url}/api/apps/trae`,
      BASE44_API_KEY: 'b44-observability-test-key-0123456789abcdef',
      BASE44_TIMEOUT_MS: '300',
      SCRAPE_TIMEOUT_MS: '5000',
      // Only the service itself and the fake tasks: all healthy, so Base44 alone decides.
      SCRAPE_TARGETS: `tasks=${tasks.url}`,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await base44?.stop();
    await tasks?.close();
  });

  it('shows the production status, with its version, as an EXTERNAL component', async () => {
    base44.script(STATUS, { ok: { status: 'operational', version: '2026.12.1' } });

    const { status, base44: component } = await base44Health();

    expect(status).toBe('HEALTHY');
    expect(component).toMatchObject({
      kind: 'EXTERNAL',
      status: 'UP',
      version: '2026.12.1',
      detail: 'operational',
    });
  });

  it('makes the platform DEGRADED, never UNHEALTHY, when Base44 fails', async () => {
    base44.script(STATUS, { status: 500 });

    const { status, base44: component } = await base44Health();

    expect(status).toBe('DEGRADED');
    expect(component).toMatchObject({
      kind: 'EXTERNAL',
      status: 'DOWN',
      error: 'base44: GET /production/status: HTTP 500',
    });
  });

  it('is down on an outage Base44 reports, and hides the reason from users', async () => {
    base44.script(STATUS, { ok: { status: 'outage', message: 'eu-west down' } });

    const admin = await base44Health();
    const user = await base44Health(h.user);

    expect(admin.status).toBe('DEGRADED');
    expect(admin.base44).toMatchObject({ status: 'DOWN', error: 'Base44 reports an outage: eu-west down' });
    expect(user.base44).toMatchObject({ status: 'DOWN', error: null });
  });

  it('is down on malformed answers, then stops calling Base44 while its circuit is open', async () => {
    base44.script(STATUS, { malformed: '{"status":' });
    // Three attempts, three failures (the outage answer before was a success).
    const malformed = await base44Health();
    const before = base44.hits(STATUS);
    // Two more failures open the circuit (five in a row); the round after that calls nobody.
    const opening = await base44Health();
    const open = await base44Health();

    expect(malformed.base44?.error).toBe(
      'base44: GET /production/status: the answer is not what was expected',
    );
    expect(opening.base44?.error).toContain('circuit open');
    expect(open).toMatchObject({ status: 'DEGRADED', base44: { status: 'DOWN' } });
    expect(open.base44?.error).toContain('circuit open');
    expect(base44.hits(STATUS) - before).toBe(2);
  });

  it('counts the calls in the service metrics', async () => {
    const text = await (await fetch(`${h.url}/metrics`)).text();

    expect(text).toMatch(
      /integration_requests_total\{[^}]*integration="base44"[^}]*outcome="http_5xx"[^}]*\} [1-9]/,
    );
    expect(text).toContain('integration_breaker_state{integration="base44",service="observability"}');
  });
});

describe('system health: the alert email server as an external dependency', () => {
  let h: Harness;
  let tasks: FakeTasks;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;

  beforeAll(async () => {
    smtp = await smtpServer();
    tasks = await startFakeTasks(SECRET);
    h = await startObservability({
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
      SCRAPE_TARGETS: `tasks=${tasks.url}`,
      ALERT_EMAIL_TO: 'ops@example.com',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await h?.stop();
    await tasks?.close();
  });

  it('is UP while the server greets us, and DOWN (the platform DEGRADED) once it is gone', async () => {
    const read = async () => {
      await h.obs.services.health.probeAndRecord();
      const r = await h.gql<Health>(HEALTH, {}, h.admin);
      return {
        status: r.data?.systemHealth.status,
        smtp: r.data?.systemHealth.components.find((c) => c.name === 'smtp'),
      };
    };

    const up = await read();
    await smtp.close();
    const down = await read();

    expect(up).toMatchObject({ status: 'HEALTHY', smtp: { kind: 'EXTERNAL', status: 'UP' } });
    expect(down.status).toBe('DEGRADED');
    expect(down.smtp).toMatchObject({ kind: 'EXTERNAL', status: 'DOWN' });
    expect(smtp.received).toHaveLength(0);
  });
});

describe('system health: outside services the platform services report (S3, their mail servers)', () => {
  let h: Harness;
  let tasks: FakeTasks;
  const servers: Server[] = [];
  /** What each stand-in service's outside dependencies answer now, by service and name. */
  const answers: Record<string, Record<string, Error | null>> = {
    files: { s3: null },
    identity: { smtp: null },
    webhooks: { smtp: null },
  };

  /** A platform service as observability sees it: /ready, and the kit's real /health/external. */
  const startService = async (name: string) => {
    const app = express();
    app.get('/ready', (_req, res) => void res.json({ status: 'ready', version: '1.0.0', checks: {} }));
    const checks = Object.fromEntries(
      Object.keys(answers[name]).map((dep) => [
        dep,
        async () => {
          const failure = answers[name][dep];
          if (failure) throw failure;
        },
      ]),
    );
    app.get('/health/external', externalHandler(checks));
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `${name}=http://127.0.0.1:${(server.address() as { port: number }).port}`;
  };
  const read = async () => {
    await h.obs.services.health.probeAndRecord();
    const r = await h.gql<{
      systemHealth: { status: string; components: (Component & { detail: string })[] };
    }>(HEALTH, {}, h.admin);
    const external = r.data!.systemHealth.components.filter((c) => c.kind === 'EXTERNAL');
    return {
      status: r.data?.systemHealth.status,
      external: Object.fromEntries(external.map((c) => [c.name, c])),
    };
  };

  beforeAll(async () => {
    tasks = await startFakeTasks(SECRET);
    const targets = [`tasks=${tasks.url}`];
    for (const name of Object.keys(answers)) targets.push(await startService(name));
    h = await startObservability({
      TASKS_URL: tasks.url,
      INTERNAL_SECRET: SECRET,
      SCRAPE_TARGETS: targets.join(','),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await tasks?.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('shows each as one EXTERNAL component, naming the services that use it', async () => {
    const { status, external } = await read();

    expect(status).toBe('HEALTHY');
    expect(Object.keys(external).sort()).toEqual(['s3', 'smtp']);
    expect(external.s3).toMatchObject({ status: 'UP', detail: 'used by files' });
    expect(external.smtp).toMatchObject({ status: 'UP', detail: 'used by identity, webhooks' });
  });

  it('makes the platform DEGRADED, not UNHEALTHY, when S3 or one user of a mail server finds it down', async () => {
    answers.files.s3 = new Error('S3 unreachable');
    answers.webhooks.smtp = new Error('The smtp service is unavailable (unreachable); retry shortly');

    const { status, external } = await read();

    expect(status).toBe('DEGRADED');
    expect(external.s3).toMatchObject({ status: 'DOWN', error: 'S3 unreachable' });
    expect(external.smtp).toMatchObject({ status: 'DOWN', error: expect.stringContaining('unreachable') });
    // The services themselves are up: an outside outage is not theirs.
    const r = await h.gql<Health>(HEALTH, {}, h.admin);
    expect(r.data?.systemHealth.components.find((c) => c.name === 'files')).toMatchObject({ status: 'UP' });

    answers.files.s3 = null;
    answers.webhooks.smtp = null;
    expect(await read()).toMatchObject({ status: 'HEALTHY', external: { s3: { status: 'UP' } } });
  });
});

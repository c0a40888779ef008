import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamLine } from '../src/modules/log/log-ingest.js';
import { type Harness, startObservability } from './setup.js';
import { errorLine } from './support/ship.js';

const CREATE = 'mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { id } }';
const RULE = 'query ($id: ID!) { alertRule(id: $id) { state value lastEvaluatedAt } }';
const ACTIVE = '{ activeAlerts { id ruleId name status value summary rule { name } } }';
const HISTORY = `query ($ruleId: ID, $status: AlertStatus, $first: Int, $after: String) {
  alerts(ruleId: $ruleId, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id ruleId name severity status summary value startedAt firingAt resolvedAt silenced rule { id } } }
  } }`;

type Alert = {
  id: string;
  ruleId: string;
  status: string;
  summary: string;
  value: number | null;
  startedAt: string;
  firingAt: string | null;
  resolvedAt: string | null;
  silenced: boolean;
  rule: { id: string } | null;
};
type History = { alerts: { totalCount: number; edges: { node: Alert }[]; pageInfo: { endCursor: string } } };

const T0 = Date.now();
const at = (s: number) => new Date(T0 + s * 1000);

describe('alert evaluation on real PostgreSQL and Redis', () => {
  let h: Harness;
  let seq = 0;

  const sample = (name: string, service: string, value: number, time: Date) =>
    h.obs.services.sql.query(
      'insert into metric_samples (time, service, name, value) values ($1, $2, $3, $4)',
      [time, service, name, value],
    );
  const rule = async (input: Record<string, unknown>) => {
    const r = await h.gql<{ createAlertRule: { id: string } }>(CREATE, { input }, h.admin);
    expect(r.errors).toBeUndefined();
    return r.data!.createAlertRule.id;
  };
  const evaluate = (s: number) => h.obs.services.alerting.run(at(s));
  const history = async (vars: Record<string, unknown>) =>
    (await h.gql<History>(HISTORY, vars, h.admin)).data!.alerts;
  /** The entries of `events:alerts`, as the webhooks service reads them. */
  const stream = async () =>
    ((await h.redis.xrange('events:alerts', '-', '+')) as [string, string[]][]).map(([, f]) => ({
      type: f[f.indexOf('type') + 1],
      payload: JSON.parse(f[f.indexOf('payload') + 1]) as Record<string, unknown>,
    }));
  const ofRule = async (ruleId: string) => (await stream()).filter((e) => e.payload.ruleId === ruleId);

  beforeAll(async () => {
    h = await startObservability();
    // The shipped rules stay out of the way: these tests write the samples they read.
    const { alertRules } = (
      await h.gql<{ alertRules: { id: string }[] }>('{ alertRules { id } }', {}, h.admin)
    ).data!;
    for (const { id } of alertRules)
      await h.gql(
        'mutation ($id: ID!) { setAlertRuleEnabled(id: $id, enabled: false) { id } }',
        { id },
        h.admin,
      );
  });
  afterAll(() => h.stop());

  it('goes PENDING, FIRING after forSeconds, stays FIRING through a short dip, resolves after resolveAfterSeconds', async () => {
    const id = await rule({
      name: 'Slow identity',
      kind: 'METRIC_THRESHOLD',
      metric: 'http_latency_p95_seconds',
      service: 'identity',
      threshold: 0.5,
      forSeconds: 30,
      resolveAfterSeconds: 30,
      severity: 'CRITICAL',
      notify: ['DASHBOARD', 'WEBHOOK'],
    });
    await sample('http_latency_p95_seconds', 'identity', 0.9, at(0));
    await sample('http_latency_p95_seconds', 'files', 5, at(0)); // another service: not this rule's
    await evaluate(0);
    const [pending] = (await h.gql<{ activeAlerts: Alert[] }>(ACTIVE, {}, h.admin)).data!.activeAlerts;
    expect(pending).toMatchObject({
      ruleId: id,
      name: 'Slow identity',
      status: 'PENDING',
      value: 0.9,
      summary: 'http_latency_p95_seconds on identity is 0.9 (above 0.5)',
      rule: { name: 'Slow identity' },
    });
    expect(
      (await h.gql<{ alertRule: { state: string } }>(RULE, { id }, h.admin)).data?.alertRule,
    ).toMatchObject({
      state: 'PENDING',
      value: 0.9,
      lastEvaluatedAt: at(0).toISOString(),
    });
    expect(await ofRule(id)).toEqual([]); // PENDING notifies no one outside the dashboard

    await sample('http_latency_p95_seconds', 'identity', 0.8, at(30));
    await evaluate(30);
    await sample('http_latency_p95_seconds', 'identity', 0.1, at(45));
    await evaluate(45); // clear for 0 s of the 30 s: still firing
    await sample('http_latency_p95_seconds', 'identity', 0.7, at(60));
    await evaluate(60); // back above: the clear clock starts again
    await sample('http_latency_p95_seconds', 'identity', 0.1, at(70));
    await evaluate(70);
    await sample('http_latency_p95_seconds', 'identity', 0.1, at(99));
    await evaluate(99);
    expect((await history({ ruleId: id })).edges.map((e) => e.node.status)).toEqual(['FIRING']);
    await sample('http_latency_p95_seconds', 'identity', 0.1, at(100));
    await evaluate(100);

    const { edges, totalCount } = await history({ ruleId: id });
    expect(totalCount).toBe(1);
    expect(edges[0].node).toMatchObject({
      id: pending.id,
      status: 'RESOLVED',
      severity: 'CRITICAL',
      startedAt: at(0).toISOString(),
      firingAt: at(30).toISOString(),
      resolvedAt: at(100).toISOString(),
      silenced: false,
      rule: { id },
    });
    expect((await h.gql<{ activeAlerts: Alert[] }>(ACTIVE, {}, h.admin)).data?.activeAlerts).toEqual([]);

    // What the webhooks service gets: exactly one firing and one resolved, with the fields it reads.
    const events = await ofRule(id);
    expect(events.map((e) => e.type)).toEqual(['alert.firing', 'alert.resolved']);
    expect(events[0].payload).toEqual({
      alertId: pending.id,
      ruleId: id,
      name: 'Slow identity',
      severity: 'CRITICAL',
      status: 'FIRING',
      summary: 'http_latency_p95_seconds on identity is 0.8 (above 0.5)',
      value: 0.8,
      startedAt: at(0).toISOString(),
      firingAt: at(30).toISOString(),
      resolvedAt: null,
      silenced: false,
    });
    expect(events[1].payload).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: at(100).toISOString(),
      summary: 'http_latency_p95_seconds on identity is 0.1 (not above 0.5)',
    });
  });

  it('drops a PENDING alert that clears before forSeconds, telling no one', async () => {
    const id = await rule({
      name: 'Deep queue',
      kind: 'QUEUE_WAITING',
      threshold: 100,
      forSeconds: 60,
      notify: ['WEBHOOK'],
    });
    await sample('queue_waiting', 'tasks', 150, at(200));
    await evaluate(200);
    await sample('queue_waiting', 'tasks', 10, at(215));
    await evaluate(215);
    const [dropped] = (await history({ ruleId: id })).edges;
    expect(dropped.node).toMatchObject({
      status: 'RESOLVED',
      firingAt: null,
      resolvedAt: at(215).toISOString(),
    });
    expect(await ofRule(id)).toEqual([]);
    expect((await h.gql<{ alertRule: { state: string } }>(RULE, { id }, h.admin)).data?.alertRule.state).toBe(
      'OK',
    );
  });

  it('keeps state and history for a silenced rule but sends no webhook; a disabled rule resolves', async () => {
    const id = await rule({
      name: 'CPU hot',
      kind: 'METRIC_THRESHOLD',
      metric: 'cpu_usage',
      threshold: 1.5,
      forSeconds: 0,
      resolveAfterSeconds: 600,
      notify: ['WEBHOOK'],
    });
    const silence = await h.gql<{ createAlertSilence: { id: string } }>(
      'mutation ($id: ID) { createAlertSilence(ruleId: $id, durationSeconds: 3600, reason: "load test") { id } }',
      { id },
      h.admin,
    );
    await sample('cpu_usage', 'tasks-worker', 1.9, at(300));
    await evaluate(300);
    const [silenced] = (await history({ ruleId: id })).edges;
    expect(silenced.node).toMatchObject({ status: 'FIRING', silenced: true, value: 1.9 });
    expect(await ofRule(id)).toEqual([]);

    await h.gql(
      'mutation ($id: ID!) { expireAlertSilence(id: $id) { id } }',
      { id: silence.data?.createAlertSilence.id },
      h.admin,
    );
    await h.gql(
      'mutation ($id: ID!) { setAlertRuleEnabled(id: $id, enabled: false) { id } }',
      { id },
      h.admin,
    );
    await evaluate(315);
    expect((await history({ ruleId: id })).edges[0].node).toMatchObject({
      status: 'RESOLVED',
      summary: 'The rule was disabled',
      resolvedAt: at(315).toISOString(),
    });
    // Its FIRING was silenced, so receivers never heard of it: no RESOLVED either.
    expect(await ofRule(id)).toEqual([]);
  });

  it('fires an ERROR_GROUP rule when errors make a new group, and again when it reopens', async () => {
    const id = await rule({
      name: 'New errors',
      kind: 'ERROR_GROUP',
      threshold: 0,
      forSeconds: 0,
      resolveAfterSeconds: 0,
      notify: ['WEBHOOK'],
    });
    const now = new Date();
    await h.obs.services.alerting.run(now);
    expect((await history({ ruleId: id })).totalCount).toBe(0);

    const frames = ['KeyService.sign (/srv/subgraphs/identity/dist/modules/keys/key.service.js:10:2)'];
    const occurrence = (i: number, time: Date): StreamLine => [
      `${time.getTime()}-${seq++}`,
      errorLine('identity', 'TypeError', `key ${i} is undefined`, frames).replace(
        /"time":"[^"]+"/,
        `"time":"${time.toISOString()}"`,
      ),
    ];
    expect(await h.obs.services.ingest.store([0, 1, 2].map((i) => occurrence(i, now)))).toMatchObject({
      groups: 1,
    });
    await h.obs.services.alerting.run(new Date());

    const [fired] = (await history({ ruleId: id })).edges;
    expect(fired.node).toMatchObject({
      status: 'FIRING',
      value: 3,
      summary: 'New error group in identity: TypeError: key 2 is undefined (3/min)',
    });
    expect((await ofRule(id)).map((e) => e.type)).toEqual(['alert.firing']);

    // Resolved, the group no longer counts; when it happens again it is back, at its new rate.
    const [group] = (await h.obs.services.errors.list({})).edges;
    await h.obs.services.errors.resolve(String(group.node.id), { id: null, role: 'ADMIN' });
    await h.obs.services.alerting.run(new Date());
    expect((await history({ ruleId: id })).edges[0].node.status).toBe('RESOLVED');
    await new Promise((r) => setTimeout(r, 5));
    await h.obs.services.ingest.store([occurrence(3, new Date())]);
    await h.obs.services.alerting.run(new Date());
    const [reopened] = (await history({ ruleId: id, status: 'FIRING' })).edges;
    expect(reopened.node).toMatchObject({
      value: 1,
      summary: 'Reopened error group in identity: TypeError: key 3 is undefined (1/min)',
    });
    expect((await ofRule(id)).map((e) => e.type)).toEqual(['alert.firing', 'alert.resolved', 'alert.firing']);
  });

  it('pages the history newest first, filters by status, and refuses a bad cursor or rule id', async () => {
    const all = await history({});
    expect(all.totalCount).toBe(5);
    const paged: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const p = await history({ first: 2, after });
      paged.push(...p.edges.map((e) => e.node.id));
      after = p.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.edges.map((e) => e.node.id));
    const starts = all.edges.map((e) => Date.parse(e.node.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect((await history({ status: 'FIRING' })).edges.map((e) => e.node.summary)).toEqual([
      expect.stringContaining('Reopened error group'),
    ]);
    const bad = await h.gql(HISTORY, { after: 'nope' }, h.admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badRule = await h.gql(HISTORY, { ruleId: 'nope' }, h.admin);
    expect(badRule.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ruleId' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../src/modules/alert/default-rules.js';
import { type Harness, startObservability } from './setup.js';

const RULE = `id name description kind severity enabled builtIn metric service comparison threshold forSeconds
  resolveAfterSeconds notify state value lastEvaluatedAt silencedUntil createdAt updatedAt`;
const RULES = `{ alertRules { ${RULE} } }`;
const CREATE = `mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { ${RULE} } }`;
const UPDATE = `mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { ${RULE} } }`;
const DELETE = 'mutation ($id: ID!) { deleteAlertRule(id: $id) }';
const ENABLE =
  'mutation ($id: ID!, $on: Boolean!) { setAlertRuleEnabled(id: $id, enabled: $on) { id enabled } }';
const SILENCE = `mutation ($ruleId: ID, $s: Int!, $reason: String!) {
  createAlertSilence(ruleId: $ruleId, durationSeconds: $s, reason: $reason) { id ruleId reason createdBy startsAt endsAt active } }`;
const EXPIRE = 'mutation ($id: ID!) { expireAlertSilence(id: $id) { id active endsAt } }';
const SILENCES = 'query ($all: Boolean) { alertSilences(includeExpired: $all) { id active } }';

type Rule = Record<string, unknown> & {
  id: string;
  name: string;
  builtIn: boolean;
  silencedUntil: string | null;
};

describe('alert rules and silences through the graph (ADMIN only)', () => {
  let h: Harness;
  const rules = async () => (await h.gql<{ alertRules: Rule[] }>(RULES, {}, h.admin)).data?.alertRules ?? [];
  const code = (r: { errors?: { extensions: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    h = await startObservability();
  });
  afterAll(() => h.stop());

  it('seeds the default rules once, even across restarts, and keeps an admin’s edits', async () => {
    const seeded = await rules();
    expect(seeded.map((r) => r.name)).toEqual(DEFAULT_RULES.map((r) => r.name));
    expect(seeded.every((r) => r.builtIn && r.enabled && r.state === 'OK')).toBe(true);
    expect(seeded.find((r) => r.name === 'High error rate')).toMatchObject({
      kind: 'METRIC_THRESHOLD',
      metric: 'http_error_rate',
      comparison: 'ABOVE',
      threshold: 0.05,
      forSeconds: 300,
    });

    const down = seeded.find((r) => r.name === 'Service down') as Rule;
    const edited = await h.gql<{ updateAlertRule: Rule }>(
      UPDATE,
      {
        id: down.id,
        input: {
          name: 'Service down',
          kind: 'SERVICE_DOWN',
          threshold: 0,
          forSeconds: 120,
          severity: 'CRITICAL',
        },
      },
      h.admin,
    );
    expect(edited.data?.updateAlertRule).toMatchObject({ forSeconds: 120, builtIn: true });
    const again = await h.restart();
    await h.stopInstance(again);
    const after = await rules();
    expect(after).toHaveLength(DEFAULT_RULES.length);
    expect(after.find((r) => r.id === down.id)).toMatchObject({ forSeconds: 120 });
  });

  it('creates, updates, disables and deletes a rule; built-ins are disabled, not deleted', async () => {
    const created = await h.gql<{ createAlertRule: Rule }>(
      CREATE,
      {
        input: {
          name: '  Slow identity ',
          kind: 'METRIC_THRESHOLD',
          metric: 'http_latency_p95_seconds',
          service: 'identity',
          threshold: 0.5,
        },
      },
      h.admin,
    );
    const rule = created.data?.createAlertRule as Rule;
    expect(rule).toMatchObject({
      name: 'Slow identity',
      severity: 'WARNING',
      comparison: 'ABOVE',
      forSeconds: 60,
      resolveAfterSeconds: 60,
      notify: ['DASHBOARD'],
      enabled: true,
      builtIn: false,
      state: 'OK',
      value: null,
      silencedUntil: null,
    });
    const off = await h.gql<{ setAlertRuleEnabled: Rule }>(ENABLE, { id: rule.id, on: false }, h.admin);
    expect(off.data?.setAlertRuleEnabled.enabled).toBe(false);
    expect(
      (await h.gql<{ deleteAlertRule: boolean }>(DELETE, { id: rule.id }, h.admin)).data?.deleteAlertRule,
    ).toBe(true);
    expect((await rules()).map((r) => r.id)).not.toContain(rule.id);
    expect(code(await h.gql(DELETE, { id: rule.id }, h.admin))?.code).toBe('NOT_FOUND');

    const builtIn = (await rules())[0];
    expect(code(await h.gql(DELETE, { id: builtIn.id }, h.admin))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it.each([
    [{ name: '', kind: 'SERVICE_DOWN', threshold: 0 }, 'input.name'],
    [{ name: 'x'.repeat(121), kind: 'SERVICE_DOWN', threshold: 0 }, 'input.name'],
    [{ name: 'm', kind: 'METRIC_THRESHOLD', threshold: 1 }, 'input.metric'],
    [{ name: 'm', kind: 'METRIC_THRESHOLD', metric: 'no_such_series', threshold: 1 }, 'input.metric'],
    [{ name: 'q', kind: 'QUEUE_WAITING', threshold: 5, forSeconds: -1 }, 'input.forSeconds'],
    [
      { name: 'q', kind: 'QUEUE_WAITING', threshold: 5, resolveAfterSeconds: 7 * 86_400 + 1 },
      'input.resolveAfterSeconds',
    ],
    [{ name: 'q', kind: 'QUEUE_WAITING', threshold: -1 }, 'input.threshold'],
    [{ name: 'q', kind: 'QUEUE_WAITING', threshold: 1, service: 'files' }, 'input.service'],
  ])('refuses %j naming %s', async (input, field) => {
    const r = await h.gql(CREATE, { input }, h.admin);
    expect(code(r)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('silences one rule or all, shows it on the rules, and expires on request', async () => {
    const [first, second] = await rules();
    const one = await h.gql<{ createAlertSilence: Record<string, unknown> & { id: string; endsAt: string } }>(
      SILENCE,
      { ruleId: first.id, s: 3_600, reason: 'maintenance' },
      h.admin,
    );
    expect(one.data?.createAlertSilence).toMatchObject({
      ruleId: first.id,
      reason: 'maintenance',
      createdBy: '00000000-0000-4000-8000-000000000001',
      active: true,
    });
    const silenced = await rules();
    expect(silenced.find((r) => r.id === first.id)?.silencedUntil).toBe(one.data?.createAlertSilence.endsAt);
    expect(silenced.find((r) => r.id === second.id)?.silencedUntil).toBeNull();

    const all = await h.gql<{ createAlertSilence: { id: string; endsAt: string } }>(
      SILENCE,
      { s: 60, reason: 'deploy' },
      h.admin,
    );
    expect((await rules()).find((r) => r.id === second.id)?.silencedUntil).toBe(
      all.data?.createAlertSilence.endsAt,
    );

    const ended = await h.gql<{ expireAlertSilence: { active: boolean } }>(
      EXPIRE,
      { id: one.data?.createAlertSilence.id },
      h.admin,
    );
    expect(ended.data?.expireAlertSilence.active).toBe(false);
    const listed = (await h.gql<{ alertSilences: { id: string }[] }>(SILENCES, {}, h.admin)).data
      ?.alertSilences;
    expect(listed?.map((s) => s.id)).toEqual([all.data?.createAlertSilence.id]);
    const everything = (await h.gql<{ alertSilences: { id: string }[] }>(SILENCES, { all: true }, h.admin))
      .data;
    expect(everything?.alertSilences).toHaveLength(2);

    expect(code(await h.gql(SILENCE, { s: 0, reason: 'x' }, h.admin))).toMatchObject({
      field: 'durationSeconds',
    });
    expect(code(await h.gql(SILENCE, { s: 60, reason: ' ' }, h.admin))).toMatchObject({ field: 'reason' });
    expect(code(await h.gql(SILENCE, { ruleId: 'nope', s: 60, reason: 'x' }, h.admin))).toMatchObject({
      field: 'ruleId',
    });
  });

  it('answers only ADMIN', async () => {
    for (const query of [RULES, '{ activeAlerts { id } }', '{ alerts { totalCount } }', SILENCES]) {
      expect(code(await h.gql(query, {}, h.user))?.code).toBe('FORBIDDEN');
      expect(code(await h.gql(query, {}))?.code).toBe('UNAUTHENTICATED');
    }
    const input = { name: 'x', kind: 'SERVICE_DOWN', threshold: 0 };
    expect(code(await h.gql(CREATE, { input }, h.user))?.code).toBe('FORBIDDEN');
  });
});

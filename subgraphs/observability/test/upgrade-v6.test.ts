import {
  createTestDatabase,
  type ExecutedMigration,
  executedMigrations,
  restoreDump,
  type TestDatabase,
} from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations/index.js';
import { type Harness, startObservability } from './setup.js';

const LOGS = '{ logs { totalCount edges { node { level service message requestId } } } }';
const ERRORS =
  '{ errors { totalCount edges { node { type message service count resolved sampleContext } } } }';
const SERIES = `query ($from: DateTime, $to: DateTime) {
  metricSeries(name: "up", service: "observability", from: $from, to: $to) { time service value }
}`;

describe('observability on a database MikroORM 6 made', () => {
  let db: TestDatabase;
  let before: ExecutedMigration[];
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('obs_v6');
    await restoreDump(db.url, new URL('./fixtures/v6-observability.sql', import.meta.url));
    before = await executedMigrations(db.url, 'observability');
    h = await startObservability({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await h?.stop();
    await db.drop();
  });

  it('boots running only the migrations added since, none it ran before', async () => {
    const after = await executedMigrations(db.url, 'observability');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(before.map((m) => m.name)).toEqual(['InitialObservability20261201', 'LogOwners20261215']);
  });

  it('serves the logs, error group and metrics 6.x stored', async () => {
    const logs = await h.gql(LOGS, {}, h.admin);
    expect(logs.data?.logs).toEqual({
      totalCount: 2,
      edges: [
        { node: { level: 'ERROR', service: 'channels', message: 'resolver failed', requestId: 'r1' } },
        { node: { level: 'INFO', service: 'identity', message: 'login succeeded', requestId: 'req-1' } },
      ],
    });
    const errors = await h.gql(ERRORS, {}, h.admin);
    expect(errors.data?.errors).toMatchObject({
      totalCount: 1,
      edges: [{ node: { type: 'TimeoutError', service: 'channels', count: 1, resolved: false } }],
    });
    const series = await h.gql(
      SERIES,
      { from: '2026-12-02T06:00:00.000Z', to: '2026-12-02T07:00:00.000Z' },
      h.admin,
    );
    expect(series.data?.metricSeries).toEqual([
      { time: expect.stringMatching(/^2026-12-02T06:1/), service: 'observability', value: 1 },
    ]);
  });
});

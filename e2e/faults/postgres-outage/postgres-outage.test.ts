import { blockDatabase } from '@trae/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../../support/platform.js';

const HEALTH = '{ systemHealth { status components { name status history(last: 60) { status } } } }';
type Health = {
  systemHealth: {
    status: string;
    components: { name: string; status: string; history: { status: string }[] }[];
  };
};

describe('fault: PostgreSQL away', () => {
  let p: Platform;
  let admin: string;
  const health = async () => {
    const r = await p.gql<Health>(HEALTH, {}, admin);
    return {
      ...r,
      byName: Object.fromEntries((r.data?.systemHealth.components ?? []).map((c) => [c.name, c])),
    };
  };

  beforeAll(async () => {
    p = await bootPlatform('faults-postgres');
    admin = await p.login();
  });
  afterAll(async () => {
    if (p) await blockDatabase(p.databaseUrl, false);
    await p?.stop();
  });

  it('answers systemHealth from memory with the database down, and recovers with the outage in history', async () => {
    await expect.poll(async () => (await health()).byName.database?.status, { timeout: 15_000 }).toBe('UP');

    const blockedAt = performance.now();
    await blockDatabase(p.databaseUrl, true);
    await expect
      .poll(async () => (await health()).byName.database?.status, { timeout: 15_000, interval: 250 })
      .toBe('DOWN');
    const detectedMs = performance.now() - blockedAt;
    const during = await health();
    expect(during.errors).toBeUndefined();
    expect(during.data?.systemHealth.status).toBe('UNHEALTHY');
    expect(during.byName.redis.status).toBe('UP');
    // Still answering a few seconds in, when the last round is no longer fresh and is probed again.
    await new Promise((r) => setTimeout(r, 3_000));
    const later = await health();
    expect(later.errors).toBeUndefined();
    expect(later.byName.database.status).toBe('DOWN');

    const restoredAt = performance.now();
    await blockDatabase(p.databaseUrl, false);
    await expect
      .poll(async () => (await health()).byName.database?.status, { timeout: 30_000, interval: 500 })
      .toBe('UP');
    const recoveredMs = performance.now() - restoredAt;
    const history = (await health()).byName.database.history.map((s) => s.status);
    expect(history[0]).toBe('UP');
    expect(history).toContain('DOWN');
    console.log(
      `postgres fault: detected in ${Math.round(detectedMs)} ms; health UP ${Math.round(recoveredMs)} ms after it returned`,
    );
  }, 90_000);
});

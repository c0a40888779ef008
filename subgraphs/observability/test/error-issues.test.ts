import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamLine } from '../src/modules/log/log-ingest.js';
import { type Harness, startObservability } from './setup.js';
import { errorLine } from './support/ship.js';

const ERRORS = `query ($state: ErrorGroupState, $resolved: Boolean) {
  errors(state: $state, resolved: $resolved) {
    totalCount edges { node { id type count resolved reopenedCount hourly firstSeen } }
  }
}`;
const RESOLVE = 'mutation ($id: ID!) { resolveError(id: $id) { id resolved hourly } }';
const REOPEN = 'mutation ($id: ID!) { reopenError(id: $id) { id resolved resolvedAt resolvedBy hourly } }';

type Group = {
  id: string;
  type: string;
  count: number;
  resolved: boolean;
  reopenedCount: number;
  hourly: number[];
  firstSeen: string;
};
type Errors = { errors: { totalCount: number; edges: { node: Group }[] } };

/** The harness's USER token is this subject. */
const ME = '00000000-0000-4000-8000-000000000002';
const HOUR = 3_600_000;
const FRAMES = ['PublishService.run (/srv/subgraphs/channels/dist/modules/publish/publish.service.js:3:1)'];
const OLD_FRAMES = ['KeyService.sign (/srv/subgraphs/identity/dist/modules/keys/key.service.js:10:2)'];
let seq = 0;
const at = (time: Date, text: string): StreamLine => [
  `${time.getTime()}-${seq++}`,
  text.replace(/"time":"[^"]+"/, `"time":"${time.toISOString()}"`),
];

describe('error issue list: hourly sparkline, new and regressed, resolve and reopen', () => {
  let h: Harness;
  const groups = async (vars: Record<string, unknown> = {}, token = h.admin) =>
    (await h.gql<Errors>(ERRORS, vars, token)).data?.errors.edges.map((e) => e.node) ?? [];

  beforeAll(async () => {
    h = await startObservability();
    const now = Date.now();
    const hoursAgo = (n: number) => new Date(now - n * HOUR);
    await h.obs.services.ingest.store([
      // Three occurrences now (one of them the user's), one two hours ago, one beyond the sparkline.
      at(new Date(now), errorLine('channels', 'PublishError', 'refused', FRAMES, { userId: ME })),
      at(new Date(now), errorLine('channels', 'PublishError', 'refused', FRAMES)),
      at(new Date(now), errorLine('channels', 'PublishError', 'refused', FRAMES)),
      at(hoursAgo(2), errorLine('channels', 'PublishError', 'refused', FRAMES)),
      at(hoursAgo(30), errorLine('channels', 'PublishError', 'refused', FRAMES)),
      // A group first seen two days ago: not new.
      at(hoursAgo(48), errorLine('identity', 'KeyError', 'no key', OLD_FRAMES)),
    ]);
  });
  afterAll(() => h.stop());

  it('counts each group’s occurrences per hour for the last 24 hours, server-side', async () => {
    const publish = (await groups()).find((g) => g.type === 'PublishError');
    expect(publish?.count).toBe(5);
    expect(publish?.hourly).toHaveLength(24);
    expect(publish?.hourly.at(-1)).toBe(3);
    expect(publish?.hourly.at(-3)).toBe(1);
    expect(publish?.hourly.reduce((a, b) => a + b, 0)).toBe(4);
    expect((await groups()).find((g) => g.type === 'KeyError')?.hourly.every((n) => n === 0)).toBe(true);
  });

  it('gives a user the sparkline of their own occurrences only', async () => {
    const [mine] = await groups({}, h.user);
    expect(mine).toMatchObject({ type: 'PublishError', count: 1 });
    expect(mine.hourly.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('filters new groups (first seen in the last 24 hours) and regressed ones', async () => {
    expect((await groups({ state: 'NEW' })).map((g) => g.type)).toEqual([]);
    const key = (await groups()).find((g) => g.type === 'KeyError') as Group;
    expect((await groups({ state: 'REGRESSED' })).length).toBe(0);

    await h.gql(RESOLVE, { id: key.id }, h.admin);
    await h.obs.services.ingest.store([
      at(new Date(), errorLine('identity', 'KeyError', 'no key', OLD_FRAMES)),
    ]);
    const regressed = await groups({ state: 'REGRESSED' });
    expect(regressed.map((g) => [g.type, g.reopenedCount, g.resolved])).toEqual([['KeyError', 1, false]]);

    await h.obs.services.ingest.store([
      at(new Date(), errorLine('files', 'DiskError', 'disk full', ['Disk.write (/srv/x/dist/disk.js:1:1)'])),
    ]);
    expect((await groups({ state: 'NEW' })).map((g) => g.type)).toEqual(['DiskError']);
  });

  it('reopens a resolved group by hand, for admins only', async () => {
    const disk = (await groups({ state: 'NEW' }))[0];
    const resolved = await h.gql<{ resolveError: Group }>(RESOLVE, { id: disk.id }, h.admin);
    expect(resolved.data?.resolveError).toMatchObject({ resolved: true });
    expect(resolved.data?.resolveError.hourly.at(-1)).toBe(1);
    expect((await h.gql(REOPEN, { id: disk.id }, h.user)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(REOPEN, { id: 'x' }, h.admin)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const reopened = await h.gql<{ reopenError: Group }>(REOPEN, { id: disk.id }, h.admin);
    expect(reopened.data?.reopenError).toMatchObject({ resolved: false, resolvedAt: null, resolvedBy: null });
    expect((await groups({ resolved: false })).map((g) => g.type)).toContain('DiskError');
  });
});

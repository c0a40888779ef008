import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamLine } from '../src/modules/log/log-ingest.js';
import { type Harness, startObservability } from './setup.js';
import { errorLine, line } from './support/ship.js';

const ERRORS = `query ($resolved: Boolean, $service: String, $first: Int, $after: String) {
  errors(resolved: $resolved, service: $service, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id type message service severity count firstSeen lastSeen resolved resolvedAt resolvedBy
      reopenedCount stackTrace sampleContext } }
  }
}`;
const RESOLVE =
  'mutation ($id: ID!) { resolveError(id: $id) { id resolved resolvedAt resolvedBy severity } }';

type Group = {
  id: string;
  type: string;
  message: string;
  service: string;
  severity: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  resolved: boolean;
  resolvedBy: string | null;
  reopenedCount: number;
  stackTrace: string;
  sampleContext: Record<string, unknown>;
};
type Errors = { errors: { totalCount: number; edges: { node: Group }[] } };

const FRAMES = [
  'ChannelService.publish (/srv/subgraphs/channels/dist/modules/channel/channel.service.js:88:13)',
];
const OTHER = ['KeyService.sign (/srv/subgraphs/identity/dist/modules/keys/key.service.js:10:2)'];
let seq = 0;
/** Stream ids carry the time, so a test controls when each occurrence happened. */
const at = (time: Date, text: string): StreamLine => [`${time.getTime()}-${seq++}`, text];
const timed = (time: Date, text: string) =>
  at(time, text.replace(/"time":"[^"]+"/, `"time":"${time.toISOString()}"`));

describe('error tracking: grouping, resolving, reopening', () => {
  let h: Harness;
  const groups = async (vars: Record<string, unknown> = {}, token = h.admin) =>
    (await h.gql<Errors>(ERRORS, vars, token)).data?.errors.edges.map((e) => e.node) ?? [];

  beforeAll(async () => {
    h = await startObservability();
  });
  afterAll(() => h.stop());

  it('groups one bug across varying messages, keeps others apart, and never counts a line twice', async () => {
    const t0 = new Date(Date.now() - 60_000);
    const batch = [
      timed(
        t0,
        errorLine(
          'channels',
          'TimeoutError',
          'publish of 7f3e2a10-0000-4000-8000-00000000000a took 3001 ms',
          FRAMES,
          { reqId: 'r1', route: '/graphql' },
        ),
      ),
      timed(
        new Date(t0.getTime() + 1_000),
        errorLine(
          'channels',
          'TimeoutError',
          'publish of 7f3e2a10-0000-4000-8000-00000000000b took 4999 ms',
          FRAMES,
          { reqId: 'r2' },
        ),
      ),
      timed(t0, errorLine('identity', 'TypeError', 'key is undefined', OTHER)),
      timed(
        t0,
        line({ level: 50, service: 'channels', msg: 'no stack here', err: { type: 'Error', message: 'x' } }),
      ),
      timed(t0, errorLine('channels', 'TimeoutError', 'only a warning', FRAMES, { level: 40 })),
    ];
    expect(await h.obs.services.ingest.store(batch)).toEqual({ stored: 5, groups: 2 });
    // The same entries again (a consumer died before acknowledging them): stored and counted once.
    expect(await h.obs.services.ingest.store(batch)).toEqual({ stored: 0, groups: 0 });

    const [channels, identity] = await groups();
    expect(channels).toMatchObject({
      type: 'TimeoutError',
      service: 'channels',
      count: 2,
      severity: 'MEDIUM',
      resolved: false,
      message: 'publish of 7f3e2a10-0000-4000-8000-00000000000b took 4999 ms',
      firstSeen: t0.toISOString(),
      lastSeen: new Date(t0.getTime() + 1_000).toISOString(),
    });
    expect(channels.sampleContext).toMatchObject({ requestId: 'r2', message: 'resolver failed' });
    expect(channels.stackTrace).toContain('ChannelService.publish');
    expect(identity).toMatchObject({ type: 'TypeError', service: 'identity', count: 1 });
  });

  it('shows users no group their own requests did not hit, and only admins resolve', async () => {
    // Security fix: users used to read whole services' groups, samples of other users' requests included.
    expect(await groups({}, h.user)).toEqual([]);
    expect(await groups({ service: 'channels' }, h.user)).toEqual([]);
    const [channels] = await groups({ service: 'channels' });
    expect((await h.gql(RESOLVE, { id: channels.id }, h.user)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(RESOLVE, { id: channels.id })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await h.gql(RESOLVE, { id: 'nope' }, h.admin)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await h.gql(RESOLVE, { id: '999999' }, h.admin)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('resolves, ignores late lines from before the resolution, and reopens on a new occurrence', async () => {
    const [group] = await groups({ service: 'channels' });
    const resolved = await h.gql<{ resolveError: Group & { resolvedAt: string } }>(
      RESOLVE,
      { id: group.id },
      h.admin,
    );
    expect(resolved.data?.resolveError).toMatchObject({
      resolved: true,
      resolvedBy: '00000000-0000-4000-8000-000000000001',
    });
    const again = await h.gql<{ resolveError: { resolvedAt: string } }>(RESOLVE, { id: group.id }, h.admin);
    expect(again.data?.resolveError.resolvedAt).toBe(resolved.data?.resolveError.resolvedAt);
    expect((await groups({ resolved: false })).map((g) => g.service)).toEqual(['identity']);

    const before = new Date(Date.parse(resolved.data!.resolveError.resolvedAt) - 5_000);
    await h.obs.services.ingest.store([
      timed(
        before,
        errorLine(
          'channels',
          'TimeoutError',
          'publish of 7f3e2a10-0000-4000-8000-00000000000c took 1 ms',
          FRAMES,
        ),
      ),
    ]);
    expect((await groups({ resolved: true }))[0]).toMatchObject({
      count: 3,
      resolved: true,
      reopenedCount: 0,
    });

    await h.obs.services.ingest.store([
      timed(
        new Date(),
        errorLine(
          'channels',
          'TimeoutError',
          'publish of 7f3e2a10-0000-4000-8000-00000000000d took 2 ms',
          FRAMES,
        ),
      ),
    ]);
    const [back] = await groups({ service: 'channels' });
    expect(back).toMatchObject({
      resolved: false,
      reopenedCount: 1,
      count: 4,
      severity: 'HIGH',
      resolvedBy: null,
    });
  });

  it('marks fatal errors critical and pages by last seen', async () => {
    await h.obs.services.ingest.store([
      at(new Date(), errorLine('identity', 'Error', 'database gone', OTHER, { level: 60 })),
    ]);
    const page1 = await h.gql<Errors & { errors: { pageInfo: { endCursor: string } } }>(
      ERRORS,
      { first: 1 },
      h.admin,
    );
    expect(page1.data?.errors.edges[0].node).toMatchObject({
      severity: 'CRITICAL',
      message: 'database gone',
    });
    const page2 = await groups({ first: 5, after: page1.data?.errors.pageInfo.endCursor });
    expect(page2.map((g) => g.message)).toHaveLength(2);
    expect(page2.map((g) => g.id)).not.toContain(page1.data?.errors.edges[0].node.id);
  });
});

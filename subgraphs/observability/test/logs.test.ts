import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startObservability, waitFor } from './setup.js';
import { shippingLogger } from './support/ship.js';

const LOGS = `query ($first: Int, $after: String, $level: LogLevel, $service: String, $search: String,
  $from: DateTime, $to: DateTime, $requestId: String) {
  logs(first: $first, after: $after, level: $level, service: $service, search: $search, from: $from, to: $to,
    requestId: $requestId) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id time level service message requestId context } }
  }
}`;

type Node = {
  id: string;
  level: string;
  service: string;
  message: string;
  requestId: string | null;
  context: Record<string, unknown>;
};
type Logs = {
  logs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: Node }[];
  };
};

describe('logs: shipped, stored, filtered and paged', () => {
  let h: Harness;
  const messages = (r: { data?: Logs }) => r.data?.logs.edges.map((e) => e.node.message);

  beforeAll(async () => {
    h = await startObservability();
    h.obs.consumer.start();
    const identity = shippingLogger(h.prefix, 'identity');
    const tasks = shippingLogger(h.prefix, 'tasks');
    identity.log.child({ reqId: 'req-1' }).info('login succeeded');
    identity.log.warn({ ms: 900 }, 'slow password hash');
    tasks.log.child({ reqId: 'req-2' }).info({ taskId: 't1' }, 'task queued');
    tasks.log.child({ reqId: 'req-2' }).error({ err: new Error('agent crashed') }, 'task failed');
    tasks.log.debug('disk 100% full');
    tasks.log.debug('disk 1000 full');
    // Log times have millisecond resolution: keep the newest line clearly newest.
    await new Promise((r) => setTimeout(r, 5));
    tasks.log.child({ reqId: 'req-1' }).info('task listed');
    await Promise.all([identity.shipper.close(), tasks.shipper.close()]);
    await waitFor(
      '7 stored lines',
      async () => (await h.gql<Logs>(LOGS, {}, h.admin)).data?.logs.totalCount === 7,
    );
  });
  afterAll(() => h.stop());

  it('serves every line newest first with its columns and the rest as context', async () => {
    const all = await h.gql<Logs>(LOGS, {}, h.admin);
    expect(messages(all)?.[0]).toBe('task listed');
    const failed = all.data?.logs.edges.find((e) => e.node.message === 'task failed')?.node;
    expect(failed).toMatchObject({ level: 'ERROR', service: 'tasks', requestId: 'req-2' });
    expect((failed!.context.err as { stack: string }).stack).toContain('agent crashed');
    expect(failed?.context).not.toHaveProperty('msg');
  });

  it('filters by minimum level, service, text, request id and time', async () => {
    expect(messages(await h.gql<Logs>(LOGS, { level: 'WARN' }, h.admin))?.sort()).toEqual([
      'slow password hash',
      'task failed',
    ]);
    expect((await h.gql<Logs>(LOGS, { service: 'identity' }, h.admin)).data?.logs.totalCount).toBe(2);
    expect(messages(await h.gql<Logs>(LOGS, { search: 'QUEUED' }, h.admin))).toEqual(['task queued']);
    expect(messages(await h.gql<Logs>(LOGS, { search: '100%' }, h.admin))).toEqual(['disk 100% full']);
    expect(messages(await h.gql<Logs>(LOGS, { requestId: 'req-1' }, h.admin))?.sort()).toEqual([
      'login succeeded',
      'task listed',
    ]);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect((await h.gql<Logs>(LOGS, { to: hourAgo }, h.admin)).data?.logs.totalCount).toBe(0);
    expect((await h.gql<Logs>(LOGS, { from: hourAgo }, h.admin)).data?.logs.totalCount).toBe(7);
  });

  it('pages with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 4; page++) {
      const r = await h.gql<Logs>(LOGS, { first: 2, after }, h.admin);
      seen.push(...(r.data?.logs.edges.map((e) => e.node.id) ?? []));
      if (!r.data?.logs.pageInfo.hasNextPage) break;
      after = r.data.logs.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('shows users no line of anyone else’s request, whatever the service, and guests nothing', async () => {
    // Security fix: users used to read whole services' logs (signed URLs, other users' inputs).
    expect((await h.gql<Logs>(LOGS, {}, h.user)).data?.logs.totalCount).toBe(0);
    expect((await h.gql<Logs>(LOGS, { service: 'tasks' }, h.user)).data?.logs.totalCount).toBe(0);
    expect((await h.gql(LOGS, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad arguments with BAD_USER_INPUT naming the field', async () => {
    const bad = async (vars: Record<string, unknown>) =>
      (await h.gql(LOGS, vars, h.admin)).errors?.[0].extensions;
    expect(await bad({ first: 100_000 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await bad({ first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await bad({ after: 'not-a-cursor' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await bad({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
    });
    expect(await bad({ search: 'x'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await bad({ from: 'yesterday' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

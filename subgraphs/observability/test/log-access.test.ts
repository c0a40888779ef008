import { requestIdMiddleware } from '@trae/kit';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamLine } from '../src/modules/log/log-ingest.js';
import { type Harness, startObservability, waitFor } from './setup.js';
import { errorLine, shippingLogger } from './support/ship.js';

const LOGS = `query ($service: String, $requestId: String) {
  logs(service: $service, requestId: $requestId) {
    totalCount edges { node { message service requestId userId context } }
  }
}`;
const ERRORS = `query ($first: Int, $after: String) {
  errors(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { type message count stackTrace sampleContext } }
  }
}`;

type Line = { message: string; service: string; requestId: string | null; userId: string | null };
type Logs = { logs: { totalCount: number; edges: { node: Line & { context: object } }[] } };
type Group = {
  type: string;
  message: string;
  count: number;
  stackTrace: string | null;
  sampleContext: object;
};
type Errors = {
  errors: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: Group }[];
  };
};

/** The harness's USER token is this subject; OTHER is a second user. */
const ME = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';
const SIGNATURE = 'Zm9yZ2VkLW9yLW5vdC10aGlzLWlzLWEtc2lnbmF0dXJl';

describe('log access and redaction, end to end through the stream', () => {
  let h: Harness;
  let other: string;
  const messages = (r: { data?: Logs }) => r.data?.logs.edges.map((e) => e.node.message).sort();

  beforeAll(async () => {
    h = await startObservability();
    other = await h.keys.sign('USER', OTHER);
    h.obs.consumer.start();
    // A files-like service: the kit's request middleware logs every request's URL, signed ones too.
    const files = shippingLogger(h.prefix, 'files');
    const app = express().use(requestIdMiddleware(files.log));
    app.get('/files/:id/content', (_req, res) => void res.status(200).send('bytes'));
    await request(app)
      .get(`/files/f1/content?expires=4102444800&signature=${SIGNATURE}`)
      .set('x-request-id', 'download-1');
    const tasks = shippingLogger(h.prefix, 'tasks');
    tasks.log.child({ reqId: 'mine-1', userId: ME }).info({ input: { topic: 'my topic' } }, 'task queued');
    tasks.log
      .child({ reqId: 'theirs-1', userId: OTHER })
      .info({ input: { topic: 'their secret plan' } }, 'task queued for them');
    tasks.log.info('worker started');
    await Promise.all([files.shipper.close(), tasks.shipper.close()]);
    await waitFor(
      '4 stored lines',
      async () => (await h.gql<Logs>(LOGS, {}, h.admin)).data?.logs.totalCount === 4,
    );
  });
  afterAll(() => h.stop());

  it('stores a signed download URL logged by files without its signature', async () => {
    const [download] = (await h.gql<Logs>(LOGS, { requestId: 'download-1' }, h.admin)).data?.logs.edges ?? [];
    expect(download.node).toMatchObject({ service: 'files', message: 'request' });
    expect(download.node.context).toMatchObject({
      url: '/files/f1/content?expires=[REDACTED]&signature=[REDACTED]',
    });
    const stored = await h.obs.services.sql.query('select * from log_entries');
    expect(JSON.stringify(stored)).not.toContain(SIGNATURE);
  });

  it('gives a user the lines of their own requests only, and an admin every line', async () => {
    expect(messages(await h.gql<Logs>(LOGS, {}, h.user))).toEqual(['task queued']);
    expect(messages(await h.gql<Logs>(LOGS, {}, other))).toEqual(['task queued for them']);
    // Naming someone else's request or a service changes nothing: the rule is on the lines.
    expect((await h.gql<Logs>(LOGS, { requestId: 'theirs-1' }, h.user)).data?.logs.totalCount).toBe(0);
    expect((await h.gql<Logs>(LOGS, { service: 'files' }, h.user)).data?.logs.totalCount).toBe(0);
    const all = await h.gql<Logs>(LOGS, {}, h.admin);
    expect(messages(all)).toEqual(['request', 'task queued', 'task queued for them', 'worker started']);
    expect(all.data?.logs.edges.find((e) => e.node.requestId === 'theirs-1')?.node.userId).toBe(OTHER);
  });

  it('shows a user only the error groups their requests hit, as their requests saw them', async () => {
    const frames = ['TaskService.run (/srv/subgraphs/tasks/dist/modules/task/task.service.js:10:2)'];
    const t0 = Date.now() - 60_000;
    // Ids are normalized out of fingerprints: both occurrences fall in one group.
    const [MY_TASK, THEIR_TASK] = [
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
    ];
    const at = (ms: number, text: string): StreamLine => [`${t0 + ms}-0`, text];
    const occurrence = (userId: string, message: string, reqId: string) =>
      errorLine('tasks', 'AgentError', message, frames, { userId, reqId, time: new Date().toISOString() });
    await h.obs.services.ingest.store([
      at(1, occurrence(ME, `agent failed on task ${MY_TASK}`, 'mine-2')),
      at(2, occurrence(OTHER, `agent failed on task ${THEIR_TASK}`, 'theirs-2')),
      at(3, errorLine('tasks', 'OtherError', 'only theirs', ['X.y (/srv/x.js:1:1)'], { userId: OTHER })),
      at(4, errorLine('tasks', 'StartupError', 'no user', ['Z.z (/srv/z.js:1:1)'])),
    ]);

    const mine = (await h.gql<Errors>(ERRORS, {}, h.user)).data?.errors;
    expect(mine?.totalCount).toBe(1);
    const [group] = mine?.edges.map((e) => e.node) ?? [];
    expect(group).toMatchObject({ type: 'AgentError', count: 1, message: `agent failed on task ${MY_TASK}` });
    expect(group.sampleContext).toMatchObject({ requestId: 'mine-2', userId: ME });
    // A stack is server internals: even for their own group, users never see one.
    expect(group.stackTrace).toBeNull();
    expect(JSON.stringify(group)).not.toContain(THEIR_TASK);

    const theirs = (await h.gql<Errors>(ERRORS, { first: 1 }, other)).data?.errors;
    expect(theirs).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await h.gql<Errors>(ERRORS, { first: 1, after: theirs?.pageInfo.endCursor }, other);
    expect(
      [...(theirs?.edges ?? []), ...(next.data?.errors.edges ?? [])].map((e) => e.node.type).sort(),
    ).toEqual(['AgentError', 'OtherError']);

    const admin = (await h.gql<Errors>(ERRORS, {}, h.admin)).data?.errors.edges.map((e) => e.node);
    expect(admin?.map((g) => g.type).sort()).toEqual(['AgentError', 'OtherError', 'StartupError']);
    expect(admin?.find((g) => g.type === 'AgentError')).toMatchObject({
      count: 2,
      message: `agent failed on task ${THEIR_TASK}`,
      sampleContext: { requestId: 'theirs-2', userId: OTHER },
    });
    expect(admin?.find((g) => g.type === 'AgentError')?.stackTrace).toContain('TaskService.run');
  });
});

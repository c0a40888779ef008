import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_RESTARTS, type RestartEvent } from '@trae/launcher';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type GqlResult, type Platform } from '../support/platform.js';

const SERVICES = ['gateway', 'identity', 'channels', 'tasks', 'files', 'observability', 'tasks-worker'];
const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken refreshToken } }';
const CREATE = 'mutation ($i: [CreateTaskInput!]!) { createTasks(inputs: $i) { id } }';
const UPLOAD = 'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }';
const DOWNLOAD = 'query ($id: ID!) { file(id: $id) { downloadUrl } }';
type Event = { id: string; status: string };
type Row = { id: string; status: string; attempts: number };

/** Two instances of every service behind HAProxy, as `npm run start:cluster` runs them. */
describe('scale-out: two of each behind HAProxy', () => {
  let p: Platform;
  let admin: string;
  let db: pg.Client;
  const restarts: RestartEvent[] = [];
  const clients: ReturnType<typeof createClient>[] = [];
  /** Uploads answered 201, with the hash of their bytes: each must download intact later. */
  const accepted: { id: string; sha256: string }[] = [];
  /** Why a request was refused, when one was. */
  const refused: string[] = [];

  /** GraphQL against one base URL: HAProxy's (`p.url`) or one instance's own port. */
  const gql = async <T>(base: string, query: string, variables?: object, token = admin) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    // HAProxy's own error pages are HTML.
    const body = text.startsWith('{')
      ? (JSON.parse(text) as Omit<GqlResult<T>, 'status' | 'headers'>)
      : { errors: [{ message: `HTTP ${res.status} ${text.slice(0, 80)}`, extensions: {} }] };
    return { status: res.status, headers: res.headers, ...body };
  };
  const at = (name: string) => p.services[name];
  /** A taskUpdated subscriber that reconnects by itself (graphql-ws retries) and counts its connects. */
  const subscribe = async (base: string) => {
    const s = {
      events: [] as Event[],
      connects: 0,
      client: undefined as unknown as ReturnType<typeof createClient>,
    };
    const { promise: connected, resolve } = Promise.withResolvers<void>();
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      connectionParams: { authorization: `Bearer ${admin}` },
      retryAttempts: 20,
      retryWait: () => sleep(300),
      // As the dashboard's client: Node's WebSocket reports a dropped connection as an error first.
      shouldRetry: () => true,
      on: {
        connected: () => {
          s.connects++;
          resolve();
        },
      },
    });
    clients.push(client);
    s.client = client;
    client.subscribe<{ taskUpdated: Event }>(
      { query: 'subscription { taskUpdated { id status } }' },
      { next: (r) => r.data && s.events.push(r.data.taskUpdated), error: () => {}, complete: () => {} },
    );
    await connected;
    return s;
  };
  const createTasks = async (base: string, n: number, sleepMs: number) => {
    const inputs = Array.from({ length: n }, () => ({ agent: 'system', type: 'noop', input: { sleepMs } }));
    const made = await gql<{ createTasks: { id: string }[] }>(base, CREATE, { i: inputs });
    if (!made.data) refused.push(made.errors?.[0].message ?? String(made.status));
    return made.data?.createTasks.map((t) => t.id) ?? [];
  };
  const rows = async (ids: string[]) =>
    (
      await db.query<Row>('select id, status, attempts from tasks.task_queue where id = any($1::uuid[])', [
        ids,
      ])
    ).rows;
  const allSucceeded = (ids: string[]) =>
    expect
      .poll(async () => (await rows(ids)).filter((r) => r.status === 'SUCCEEDED').length, {
        timeout: 45_000,
        interval: 250,
      })
      .toBe(ids.length);
  const settled = async (worker: string) => {
    const text = await (await fetch(`${at(worker)}/metrics`)).text();
    const line = /^tasks_settled_total\{agent="system",type="noop",status="SUCCEEDED"[^}]*\} (\d+)$/m;
    return Number(line.exec(text)?.[1] ?? 0);
  };
  /** An upload through `put`'s gateway; kept in `accepted` once answered 201. */
  const upload = async (put = p.url) => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024)]);
    const made = await gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(put, UPLOAD, {
      i: { filename: 'scale.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    if (!made.data) return refused.push(`createUpload: ${made.errors?.[0].message}`);
    const { file, uploadUrl } = made.data.createUpload;
    const res = await fetch(uploadUrl.replace(p.url, put), { method: 'PUT', body: bytes });
    if (res.status !== 201) refused.push(`upload: HTTP ${res.status}`);
    else accepted.push({ id: file.id, sha256: createHash('sha256').update(bytes).digest('hex') });
  };
  const download = async (id: string, via: string) => {
    const found = await gql<{ file: { downloadUrl: string } }>(via, DOWNLOAD, { id });
    const res = await fetch(found.data!.file.downloadUrl.replace(p.url, via));
    return createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex');
  };

  beforeAll(async () => {
    p = await bootPlatform(
      'scale-out',
      { HAPROXY_RATE_LIMIT: '100000', WORKER_CONCURRENCY: '4' },
      { replicas: 2, restart: DEFAULT_RESTARTS, onRestart: (e) => restarts.push(e) },
    );
    db = new pg.Client({ connectionString: p.databaseUrl });
    await db.connect();
    admin = await p.login();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await db?.end();
    await p?.stop();
  });

  it('a subscriber on gateway #1 gets the event a mutation through gateway #2 caused', async () => {
    const s = await subscribe(at('gateway#1'));

    const [id] = await createTasks(at('gateway#2'), 1, 0);

    await expect.poll(() => s.events.some((e) => e.id === id && e.status === 'SUCCEEDED')).toBe(true);
    await s.client.dispose();
  });

  it('runs tasks made through either gateway on both workers, each exactly once', async () => {
    const before = [await settled('tasks-worker#1'), await settled('tasks-worker#2')];

    const ids = [
      ...(await createTasks(at('gateway#1'), 6, 300)),
      ...(await createTasks(at('gateway#2'), 6, 300)),
    ];

    await allSucceeded(ids);
    const ran = [
      (await settled('tasks-worker#1')) - before[0],
      (await settled('tasks-worker#2')) - before[1],
    ];
    expect(ran.every((n) => n > 0)).toBe(true);
    expect(ran[0] + ran[1]).toBe(ids.length);
    expect((await rows(ids)).map((r) => r.attempts)).toEqual(ids.map(() => 1));
  });

  it('downloads through gateway #2 what was uploaded through gateway #1', async () => {
    await upload(at('gateway#1'));

    expect(accepted).toHaveLength(1);
    expect(await download(accepted[0].id, at('gateway#2'))).toBe(accepted[0].sha256);
  });

  it('holds the rate limit and a revocation across instances', async () => {
    const reg = await gql<{ register: { accessToken: string; refreshToken: string } }>(p.url, REGISTER, {
      i: { username: 'lou', email: 'lou@e2e.test', password: 'a decent password' },
    });
    const lou = reg.data!.register;
    // One counter for both gateways: what is left goes down by one whichever answers (unless a new
    // minute began in between, then once more).
    let left: number[] = [];
    const steady = () => left.every((n, i) => i === 0 || n === left[i - 1] - 1);
    for (let attempt = 0; attempt === 0 || (attempt < 2 && !steady()); attempt++) {
      left = [];
      for (let i = 0; i < 6; i++) {
        const res = await gql(at(`gateway#${(i % 2) + 1}`), '{ me { id } }', {}, lou.accessToken);
        left.push(Number(res.headers.get('ratelimit-remaining')));
      }
    }
    expect(left.map((n) => left[0] - n)).toEqual([0, 1, 2, 3, 4, 5]);

    await gql(
      at('gateway#1'),
      'mutation ($t: String!) { logout(refreshToken: $t) }',
      { t: lou.refreshToken },
      lou.accessToken,
    );

    for (const gateway of ['gateway#1', 'gateway#2']) {
      const me = await gql(at(gateway), '{ me { id } }', {}, lou.accessToken);
      expect(me.status).toBe(401);
      expect(me.errors?.[0].message).toBe('Token revoked');
    }
  });

  it('loses nothing when one instance of each service is killed with -9 mid-run, and /health says so', async () => {
    const sockets = async () => {
      const text = await (await fetch(`${at('gateway#1')}/metrics`)).text();
      return Number(/^gateway_ws_connections(?:\{[^}]*\})? (\d+)$/m.exec(text)?.[1]);
    };
    await expect.poll(sockets).toBe(0);
    const subscribers = await Promise.all([1, 2, 3, 4].map(() => subscribe(p.url)));
    // HAProxy spreads them by open connections: some are on the gateway about to be killed.
    expect(await sockets()).toBeGreaterThan(0);
    const running = await createTasks(p.url, 8, 3_000);
    await expect
      .poll(async () => (await rows(running)).filter((r) => r.status === 'RUNNING').length, {
        timeout: 15_000,
      })
      .toBe(running.length);
    const before = await settled('tasks-worker#2');

    const killed = SERVICES.map((name) => p.pid(`${name}#1`)!);
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    const health: string[] = [];
    const watching = (async () => {
      const deadline = Date.now() + 60_000;
      while ((health.at(-1) !== 'healthy' || !health.includes('degraded')) && Date.now() < deadline) {
        const res = await fetch(`${p.url}/health`);
        health.push(res.ok ? ((await res.json()) as { status: string }).status : `HTTP ${res.status}`);
        await sleep(250);
      }
    })();
    // Work goes on through HAProxy meanwhile: tasks one request at a time, and uploads.
    const made: string[] = [];
    const until = Date.now() + 4_000;
    refused.length = 0;
    await Promise.all([
      (async () => {
        while (Date.now() < until) made.push(...(await createTasks(p.url, 1, 0)));
      })(),
      (async () => {
        while (Date.now() < until) await upload();
      })(),
    ]);
    const restarted = (s: string) => restarts.some((e) => e.kind === 'restarted' && e.name === `${s}#1`);
    await expect.poll(() => SERVICES.every(restarted), { timeout: 60_000 }).toBe(true);
    await watching;
    const [after] = await createTasks(p.url, 1, 0);

    // Nothing lost, nothing settled twice: every task ends once, on the surviving or the restarted worker.
    await allSucceeded([...running, ...made, after]);
    const ended = (await settled('tasks-worker#2')) - before + (await settled('tasks-worker#1'));
    expect(ended).toBe(running.length + made.length + 1);
    expect((await rows(running)).every((r) => r.attempts <= 2)).toBe(true);
    // At most the requests in flight at the kill failed (one per loop); the rest went to live instances.
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(made.length).toBeGreaterThan(3);
    for (const file of accepted) expect(await download(file.id, p.url)).toBe(file.sha256);
    expect(health).toContain('degraded');
    expect(health.at(-1)).toBe('healthy');
    // Every subscriber is live again, reconnected by its client where its gateway died.
    await expect
      .poll(() => subscribers.every((s) => s.events.some((e) => e.id === after && e.status === 'SUCCEEDED')))
      .toBe(true);
    expect(subscribers.some((s) => s.connects > 1)).toBe(true);
    console.log(
      `scale-out kill: ${made.length} tasks and ${accepted.length} uploads accepted around it, refused: ${JSON.stringify(refused)}; health ${health.join(' > ')}`,
    );
  }, 120_000);
});

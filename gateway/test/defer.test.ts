import { ApolloClient, HttpLink, InMemoryCache, type ObservableQuery, gql as tag } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DeferStack, Gate, startDeferStack } from './support/defer-stack.js';
import { writeManifest } from './support/documents.js';
import { type RunningGateway, startGateway } from './support/stack.js';

const MULTIPART = 'multipart/mixed;deferSpec=20220824,application/json';

const TASK_PAGE = `query TaskPage($id: ID!) {
  task(id: $id) { id title ... @defer { stats { runs failures } logs } }
}`;
const TASK_PAGE_AT_ONCE = `query TaskPage($id: ID!) {
  task(id: $id) { id title stats { runs failures } logs }
}`;

interface Part {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  incremental?: {
    data: Record<string, unknown> | null;
    path: (string | number)[];
    label?: string;
    errors?: Part['errors'];
  }[];
  hasNext: boolean;
}

/** POSTs an operation and reads the whole answer (multipart parts, or one JSON). */
async function send(
  url: string,
  query: string | Record<string, unknown>,
  variables: Record<string, unknown>,
  accept?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}), ...headers },
    body: JSON.stringify(typeof query === 'string' ? { query, variables } : { ...query, variables }),
  });
  const text = await res.text();
  const buffering = res.headers.get('x-accel-buffering');
  const type = res.headers.get('content-type') ?? '';
  const parts: Part[] = type.startsWith('multipart/mixed')
    ? text
        .split('\r\n---')
        .map((chunk) => chunk.split('\r\n\r\n')[1])
        .filter((json): json is string => Boolean(json?.trim()))
        .map((json) => JSON.parse(json) as Part)
    : [JSON.parse(text) as Part];
  return { status: res.status, type, text, parts, buffering };
}

/** What a client holds once every part is in: each deferred item merged at its path. */
function merge(parts: Part[]): { data: unknown; errors?: Part['errors'] } {
  const [initial, ...rest] = parts;
  const data = structuredClone(initial?.data);
  const errors = [...(initial?.errors ?? [])];
  for (const part of rest)
    for (const item of part.incremental ?? []) {
      errors.push(...(item.errors ?? []));
      if (!item.data) continue;
      let target = data as Record<string | number, unknown>;
      for (const key of item.path) target = target[key] as Record<string | number, unknown>;
      Object.assign(target, item.data);
    }
  return errors.length ? { data, errors } : { data };
}

function watch(observable: ObservableQuery<Record<string, unknown>>) {
  const seen: ObservableQuery.Result<Record<string, unknown>>[] = [];
  let notify: (() => void) | undefined;
  const subscription = observable.subscribe((result) => {
    seen.push(result);
    notify?.();
  });
  return {
    subscription,
    async until(predicate: (r: (typeof seen)[number]) => boolean) {
      for (;;) {
        const hit = seen.find(predicate);
        if (hit) return hit;
        await new Promise<void>((resolve) => {
          notify = resolve;
        });
      }
    },
  };
}

describe('@defer through the gateway', () => {
  let stack: DeferStack;
  let gw: RunningGateway;
  let client: ApolloClient;

  beforeAll(async () => {
    stack = await startDeferStack();
    gw = await startGateway(stack);
    client = new ApolloClient({
      link: new HttpLink({ uri: `${gw.url}/graphql` }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
  });
  beforeEach(() => {
    const open = new Gate();
    open.release();
    stack.gate.current = open;
  });
  afterAll(async () => {
    client?.stop();
    await gw?.stop();
    await stack?.stop();
  });

  it('gives Apollo Client the task before its slow logs, then the same answer as without @defer', async () => {
    const gate = new Gate();
    stack.gate.current = gate;
    const results = watch(
      client.watchQuery({ query: tag(TASK_PAGE), variables: { id: 't1' }, fetchPolicy: 'no-cache' }),
    );

    // The logs cannot be answered until the gate opens, so this part came without them.
    const first = await results.until((r) => Boolean((r.data?.task as { title?: string })?.title));
    expect(first.dataState).toBe('streaming');
    expect(first.data?.task).toEqual({ __typename: 'Task', id: 't1', title: 'Write the post' });
    gate.release();
    const last = await results.until((r) => r.dataState === 'complete');
    results.subscription.unsubscribe();

    const atOnce = await client.query({
      query: tag(TASK_PAGE_AT_ONCE),
      variables: { id: 't1' },
      fetchPolicy: 'no-cache',
    });
    expect(last.data).toEqual(atOnce.data);
    expect(last.data?.task).toMatchObject({ logs: ['t1 started', 't1 finished'] });
  });

  it('writes multipart/mixed; deferSpec=20220824 whose merged parts are the answer without @defer, byte for byte', async () => {
    const deferred = await send(gw.url, TASK_PAGE, { id: 't2' }, MULTIPART);
    const atOnce = await send(gw.url, TASK_PAGE_AT_ONCE, { id: 't2' }, MULTIPART);

    expect(deferred.status).toBe(200);
    expect(deferred.type).toBe('multipart/mixed; boundary="-"; deferSpec=20220824');
    expect(deferred.buffering).toBe('no');
    expect(deferred.parts).toEqual([
      { data: { task: { id: 't2', title: 'Review the post' } }, hasNext: true },
      {
        incremental: [
          { data: { stats: { runs: 2, failures: 0 }, logs: ['t2 started', 't2 finished'] }, path: ['task'] },
        ],
        hasNext: false,
      },
    ]);
    expect(atOnce.type).toMatch(/^application\/json/);
    expect(JSON.stringify(merge(deferred.parts))).toBe(JSON.stringify(atOnce.parts[0]));
  });

  it('answers one JSON, @defer ignored, to a client that does not accept multipart', async () => {
    const plain = await send(gw.url, TASK_PAGE, { id: 't1' }, 'application/json');
    const none = await send(gw.url, TASK_PAGE, { id: 't1' });
    const atOnce = await send(gw.url, TASK_PAGE_AT_ONCE, { id: 't1' }, 'application/json');

    expect(plain.type).toMatch(/^application\/json/);
    expect(none.type).toMatch(/^application\/json/);
    expect(plain.text).toBe(atOnce.text);
    expect(none.text).toBe(atOnce.text);
  });

  it('delivers one item per list element, with the label, and nested defers after their parent', async () => {
    const query = `{ tasks { id ... @defer(label: "details") { title ... @defer(label: "logs") { logs } } } }`;

    const { parts } = await send(gw.url, query, {}, MULTIPART);

    expect(parts[0]).toEqual({ data: { tasks: [{ id: 't1' }, { id: 't2' }] }, hasNext: true });
    expect(parts.slice(1).flatMap((p) => p.incremental ?? [])).toEqual([
      { data: { title: 'Write the post' }, path: ['tasks', 0], label: 'details' },
      { data: { title: 'Review the post' }, path: ['tasks', 1], label: 'details' },
      { data: { logs: ['t1 started', 't1 finished'] }, path: ['tasks', 0], label: 'logs' },
      { data: { logs: ['t2 started', 't2 finished'] }, path: ['tasks', 1], label: 'logs' },
    ]);
    expect(parts.at(-1)?.hasNext).toBe(false);
    const atOnce = await send(gw.url, '{ tasks { id title logs } }', {});
    expect(merge(parts)).toEqual(atOnce.parts[0]);
  });

  it('defers named fragment spreads and fragments at the root, fragments inlined as the client wrote them', async () => {
    const query = `query Spread {
      tasks { id }
      ... @defer(label: "root") { other: task(id: "t2") { title } }
      task(id: "t1") { id ...Insights @defer(label: "insights") }
    }
    fragment Insights on Task { stats { runs } }`;

    const { parts } = await send(gw.url, query, {}, MULTIPART);

    expect(parts[0]).toEqual({
      data: { tasks: [{ id: 't1' }, { id: 't2' }], task: { id: 't1' } },
      hasNext: true,
    });
    const items = parts.slice(1).flatMap((p) => p.incremental ?? []);
    expect(items).toHaveLength(2);
    expect(items).toContainEqual({ data: { other: { title: 'Review the post' } }, path: [], label: 'root' });
    expect(items).toContainEqual({ data: { stats: { runs: 2 } }, path: ['task'], label: 'insights' });
  });

  it('reports errors of a deferred part in that part, formatted like any other (code kept, no internals, no stack)', async () => {
    const query = `{ task(id: "t1") { id ... @defer { forbidden internal stats { runs } } } }`;

    const { parts, text } = await send(gw.url, query, {}, MULTIPART);

    expect(parts[0]).toEqual({ data: { task: { id: 't1' } }, hasNext: true });
    const [item] = parts[1]?.incremental ?? [];
    expect(item?.data).toEqual({ forbidden: null, internal: null, stats: { runs: 2 } });
    expect(item?.path).toEqual(['task']);
    expect(item?.errors).toEqual([
      {
        message: 'Only moderators may read this',
        path: ['task', 'forbidden'],
        extensions: { code: 'FORBIDDEN', serviceName: 'insights' },
      },
      {
        message: 'Internal server error',
        path: ['task', 'internal'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'insights' },
      },
    ]);
    expect(text).not.toContain('db-secret-host');
    expect(text).not.toContain('stacktrace');
  });

  it('sends a deferred part whose non-null field failed as data null with its error; the primary part stands', async () => {
    const query = `{ task(id: "t1") { id ... @defer { required } } }`;

    const { parts } = await send(gw.url, query, {}, MULTIPART);

    expect(parts).toEqual([
      { data: { task: { id: 't1' } }, hasNext: true },
      {
        incremental: [
          {
            data: null,
            path: ['task'],
            errors: [
              {
                message: 'No task insights yet',
                path: ['task', 'required'],
                extensions: { code: 'NOT_FOUND', serviceName: 'insights' },
              },
            ],
          },
        ],
        hasNext: false,
      },
    ]);
  });

  it('lets Apollo Client see the errors of a deferred part', async () => {
    const query = tag`query Forbidden { task(id: "t2") { id ... @defer { forbidden } } }`;

    const result = await client.query({ query, fetchPolicy: 'no-cache', errorPolicy: 'all' });

    expect(result.data).toEqual({ task: { __typename: 'Task', id: 't2', forbidden: null } });
    expect(result.error?.message).toContain('Only moderators may read this');
  });

  it("sends the caller's token with the deferred fetches, and answers {} for a selection that is all deferred", async () => {
    const token = await stack.identity.sign({ sub: 'u1', role: 'USER' });
    const query = `{ task(id: "t1") { ... @defer { seenWith } } }`;

    const { parts } = await send(gw.url, query, {}, MULTIPART, { authorization: `Bearer ${token}` });

    expect(parts).toEqual([
      { data: { task: {} }, hasNext: true },
      { incremental: [{ data: { seenWith: `Bearer ${token}` }, path: ['task'] }], hasNext: false },
    ]);
  });

  it('answers in one JSON when every @defer is off (if: false, or a false variable)', async () => {
    const query = `query Off($later: Boolean!) {
      task(id: "t1") { id ... @defer(if: false) { title } ... @defer(if: $later) { logs } }
    }`;

    const off = await send(gw.url, query, { later: false }, MULTIPART);
    const on = await send(gw.url, query, { later: true }, MULTIPART);

    expect(off.type).toMatch(/^application\/json/);
    expect(off.parts[0]).toEqual({
      data: { task: { id: 't1', title: 'Write the post', logs: ['t1 started', 't1 finished'] } },
    });
    expect(on.parts[0]).toEqual({ data: { task: { id: 't1', title: 'Write the post' } }, hasNext: true });
    expect(on.parts[1]?.incremental?.[0]?.data).toEqual({ logs: ['t1 started', 't1 finished'] });
  });
});

describe('@defer and the edge limits', () => {
  let stack: DeferStack;
  let gw: RunningGateway;

  beforeAll(async () => {
    stack = await startDeferStack();
    gw = await startGateway(stack, { COST_MAX: '2' });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('refuses a deferred operation above the cost limit before anything runs, as one JSON', async () => {
    const query = `{ tasks { id ... @defer { stats { runs failures } logs } } }`;

    const { status, type, parts } = await send(gw.url, query, {}, MULTIPART);

    expect(status).toBe(400);
    expect(type).toMatch(/^application\/json/);
    expect(parts[0]?.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });
});

describe('@defer and trusted documents (TRUSTED_DOCUMENTS=require)', () => {
  let stack: DeferStack;
  let gw: RunningGateway;
  let manifest: ReturnType<typeof writeManifest>;

  beforeAll(async () => {
    stack = await startDeferStack();
    manifest = writeManifest([TASK_PAGE]);
    gw = await startGateway(stack, { TRUSTED_DOCUMENTS: 'require', PERSISTED_DOCUMENTS_PATH: manifest.path });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
  });

  it('streams a listed deferred document sent by id only, as the dashboard sends it', async () => {
    const byId = { extensions: { persistedQuery: { version: 1, sha256Hash: manifest.ids[0] } } };

    const { type, parts } = await send(gw.url, byId, { id: 't1' }, MULTIPART);

    expect(type).toBe('multipart/mixed; boundary="-"; deferSpec=20220824');
    expect(parts[0]).toEqual({ data: { task: { id: 't1', title: 'Write the post' } }, hasNext: true });
    expect(parts).toHaveLength(2);
  });

  it('refuses an unlisted deferred document before anything runs, as one JSON', async () => {
    const { status, type, parts } = await send(
      gw.url,
      TASK_PAGE.replace('title', ''),
      { id: 't1' },
      MULTIPART,
    );

    expect(status).toBe(400);
    expect(type).toMatch(/^application\/json/);
    expect(parts[0]?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});

import { readFileSync } from 'node:fs';
import { testRedisPrefix } from '@trae/kit/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { documentId, PersistedDocuments } from '../src/documents/persisted-documents.js';
import { post, writeManifest } from './support/documents.js';
import { type IdentityStub, startIdentityStub } from './support/identity-stub.js';
import { composeLive, type LiveSubgraph, startPeople, startTasks } from './support/live.js';
import { type RunningGateway, startGateway } from './support/stack.js';
import { subscribe } from './support/ws-client.js';

const LISTED_QUERY = 'query Task($id: ID!) { task(id: $id) { id title } }';
const LISTED_SUBSCRIPTION = 'subscription Follow { taskUpdated { id title } }';
const UNLISTED = '{ task(id: "t1") { id title createdBy { username } } }';

describe('trusted documents (TRUSTED_DOCUMENTS=require)', () => {
  let identity: IdentityStub;
  let parts: LiveSubgraph[] = [];
  let manifest: ReturnType<typeof writeManifest>;
  let gateway: RunningGateway;
  let strict: RunningGateway;
  let report: RunningGateway;
  let session: string;
  const apiKey = { authorization: 'Bearer trae_docs_key' };

  beforeAll(async () => {
    identity = await startIdentityStub();
    identity.apiKeys.set('trae_docs_key', { apiKeyId: 'ak1', userId: 'u9', role: 'USER' });
    const [tasks, people] = await Promise.all([
      startTasks(identity.url, testRedisPrefix('docs')),
      startPeople(identity.url),
    ]);
    parts = [tasks, people];
    const supergraphPath = composeLive(tasks.baseUrl, people.baseUrl);
    const stack = { identity, supergraphPath, accounts: { baseUrl: people.baseUrl } } as never;
    manifest = writeManifest([LISTED_QUERY, LISTED_SUBSCRIPTION]);
    const env = {
      TASKS_URL: tasks.baseUrl,
      PEOPLE_URL: people.baseUrl,
      PERSISTED_DOCUMENTS_PATH: manifest.path,
    };
    [gateway, strict, report] = await Promise.all([
      startGateway(stack, { ...env, TRUSTED_DOCUMENTS: 'require' }),
      startGateway(stack, { ...env, TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_API_KEYS: 'listed' }),
      startGateway(stack, { ...env, TRUSTED_DOCUMENTS: 'report' }),
    ]);
    session = await identity.sign({ sub: 'u1', sid: 's1' });
  });
  afterAll(async () => {
    await Promise.all([gateway, strict, report].map((g) => g?.stop()));
    await Promise.all(parts.map((p) => p.stop()));
    await identity.stop();
  });

  it('runs a listed document sent by id only, as an APQ hash or a documentId', async () => {
    const [id] = manifest.ids;
    const variables = { id: 't1' };
    const byHash = await post(gateway.url, {
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: id } },
    });
    const byDocumentId = await post(gateway.url, { documentId: `sha256:${id}`, variables });

    for (const res of [byHash, byDocumentId]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { task: { id: 't1', title: 'from query' } } });
    }
  });

  it('runs a listed document sent in full, however it is spelled', async () => {
    const respelled = `query Task($id: ID!) {\n  task(id: $id) {\n    title # the name\n    id\n  }\n}`;

    const res = await post(gateway.url, { query: respelled, variables: { id: 't2' } });

    expect(res.body).toEqual({ data: { task: { title: 'from query', id: 't2' } } });
  });

  it('refuses an unlisted operation from a guest or a browser session, with its code and 400', async () => {
    const guest = await post(gateway.url, { query: UNLISTED });
    const signedIn = await post(gateway.url, { query: UNLISTED }, { authorization: `Bearer ${session}` });

    for (const res of [guest, signedIn]) {
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });

  it('never stores a refused document for automatic persisted queries', async () => {
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(UNLISTED).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };

    const register = await post(gateway.url, { query: UNLISTED, extensions: { persistedQuery } });
    const replay = await post(gateway.url, { extensions: { persistedQuery } });

    expect(register.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(replay.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await gateway.redis.exists(`apq:${sha256Hash}`)).toBe(0);
  });

  it('lets API keys send any operation, unless TRUSTED_DOCUMENTS_API_KEYS=listed', async () => {
    const open = await post(gateway.url, { query: UNLISTED }, apiKey);
    const held = await post(strict.url, { query: UNLISTED }, apiKey);

    expect(open.body).toEqual({
      data: { task: { id: 't1', title: 'from query', createdBy: { username: 'user-u1' } } },
    });
    expect(held.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('holds WebSocket subscriptions to the same list', async () => {
    const unlisted = subscribe(gateway.url, 'subscription { taskUpdated { id } }', session);
    const listed = subscribe(gateway.url, LISTED_SUBSCRIPTION, session);

    await expect.poll(() => unlisted.results.length).toBe(1);
    expect(unlisted.results[0].errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    await expect.poll(() => gateway.gateway.subscriptions.hub.groupCount).toBe(1);
    expect(listed.results).toEqual([]);
    await Promise.all([unlisted.dispose(), listed.dispose()]);
  });

  it('under report, runs an unlisted operation and counts it', async () => {
    const res = await post(report.url, { query: UNLISTED });
    const metrics = await (await fetch(`${report.url}/metrics`)).text();

    expect(res.body.data).toEqual({
      task: { id: 't1', title: 'from query', createdBy: { username: 'user-u1' } },
    });
    expect(metrics).toMatch(/gateway_untrusted_operations_total\{outcome="reported"[^}]*\} 1\n/);
  });
});

describe('the dashboard manifest and the setting', () => {
  it('lists every dashboard operation under the id the gateway computes for it', () => {
    const path = loadGatewayConfig({}).PERSISTED_DOCUMENTS_PATH;
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    const documents = PersistedDocuments.load(path, { required: true });

    expect(documents.size).toBeGreaterThan(10);
    for (const [id, document] of Object.entries(manifest)) {
      expect(`sha256:${documentId(parse(document))}`).toBe(id);
    }
  });

  it('requires the list in production by default, and refuses to boot without it, naming the variable', () => {
    expect(loadGatewayConfig({}).TRUSTED_DOCUMENTS).toBe('off');
    expect(loadGatewayConfig({ NODE_ENV: 'test' }).TRUSTED_DOCUMENTS).toBe('off');
    const production = { NODE_ENV: 'production', INTERNAL_SECRET: 'x'.repeat(40) };
    expect(loadGatewayConfig(production).TRUSTED_DOCUMENTS).toBe('require');
    expect(loadGatewayConfig({ ...production, TRUSTED_DOCUMENTS: '' }).TRUSTED_DOCUMENTS).toBe('require');
    expect(() => loadGatewayConfig({ TRUSTED_DOCUMENTS: 'sometimes' })).toThrow(/TRUSTED_DOCUMENTS/);
    expect(() =>
      PersistedDocuments.load('/nonexistent/persisted-documents.json', { required: true }),
    ).toThrow(/PERSISTED_DOCUMENTS_PATH/);
    expect(PersistedDocuments.load('/nonexistent/persisted-documents.json', { required: false }).size).toBe(
      0,
    );
  });
});

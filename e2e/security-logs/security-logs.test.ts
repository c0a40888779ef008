import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

// Services inherit this process's environment: ship logs (vitest would turn it off).
Object.assign(process.env, { LOG_SHIPPING: 'true' });

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const LOGS = `query ($s: String, $search: String) { logs(first: 100, service: $s, search: $search) {
  edges { node { service message requestId userId context } } } }`;
type Line = { service: string; message: string; requestId: string; userId: string | null; context: object };
type Logs = { logs: { edges: { node: Line }[] } };

describe('e2e: logs hand out no credentials and no other user’s data', () => {
  let p: Platform;
  let admin: string;
  const users: { token: string; id: string }[] = [];
  const lines = async (token: string, vars: Record<string, unknown> = {}) =>
    (await p.gql<Logs>(LOGS, vars, token)).data?.logs.edges.map((e) => e.node) ?? [];

  beforeAll(async () => {
    p = await bootPlatform('security-logs');
    admin = await p.login();
    for (const name of ['alice', 'mallory']) {
      const reg = await p.gql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
        i: { username: name, email: `${name}@e2e.test`, password: `${name} password 1` },
      });
      users.push({ token: reg.data!.register.accessToken, id: reg.data!.register.user.id });
    }
  });
  afterAll(() => p?.stop());

  it('stores signed download URLs without their signatures, and shows users only their own requests', async () => {
    const [alice, mallory] = users;
    const created = await p.gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
      'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id } uploadUrl } }',
      { i: { filename: 'private.txt', contentType: 'text/plain', size: 5 } },
      alice.token,
    );
    const { file, uploadUrl } = created.data!.createUpload;
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'hello' })).status).toBe(201);
    const got = await p.gql<{ file: { downloadUrl: string } }>(
      'query ($id: ID!) { file(id: $id) { downloadUrl } }',
      { id: file.id },
      alice.token,
    );
    const downloadUrl = got.data!.file.downloadUrl;
    expect((await fetch(downloadUrl)).status).toBe(200);
    const signatures = [uploadUrl, downloadUrl].map((u) => new URL(u).searchParams.get('signature') ?? '');

    // Both the gateway and files log the download; wait until files' line is stored.
    const downloads = async () =>
      (await lines(admin, { s: 'files' })).filter((l) =>
        JSON.stringify(l.context).includes(`/files/${file.id}/content`),
      );
    await expect
      .poll(async () => (await downloads()).length, { timeout: 20_000, interval: 500 })
      .toBeGreaterThan(0);
    const everything = JSON.stringify(await lines(admin));
    for (const signature of signatures) {
      expect(signature.length).toBeGreaterThan(10);
      expect(everything).not.toContain(signature);
    }
    expect(JSON.stringify(await downloads())).toContain('signature=[REDACTED]');

    // Alice's own request is hers to read, at the gateway and the subgraph it reached.
    const requestId = `e2e-${randomUUID()}`;
    await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${alice.token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    const mine = async () =>
      [
        ...new Set((await lines(alice.token)).filter((l) => l.requestId === requestId).map((l) => l.service)),
      ].sort();
    await expect.poll(mine, { timeout: 20_000, interval: 500 }).toEqual(['gateway', 'identity']);
    expect((await lines(alice.token)).every((l) => l.userId === alice.id)).toBe(true);

    // Mallory sees nothing of Alice: not her lines, her file id, nor the files service's lines.
    const theirs = await lines(mallory.token);
    expect(theirs.every((l) => l.userId === mallory.id)).toBe(true);
    expect(JSON.stringify(theirs)).not.toContain(file.id);
    expect(JSON.stringify(theirs)).not.toContain(alice.id);
    expect(await lines(mallory.token, { s: 'files' })).toEqual([]);
  });
});

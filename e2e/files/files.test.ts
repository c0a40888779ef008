import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
const CREATE =
  'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { file { id status } uploadUrl } }';
const LIST = `{ files(first: 10) { totalCount edges { node {
  id filename size sha256 status downloadUrl owner { id username avatarUrl }
} } } }`;

type Node = {
  id: string;
  filename: string;
  size: number;
  sha256: string;
  downloadUrl: string;
  owner: { username: string; avatarUrl: string };
};

describe('e2e files through the gateway', () => {
  let p: Platform;
  let token: string;
  // Signed URLs name this run's gateway (GATEWAY_URL); the check below proves it.
  const viaGateway = (url: string) => {
    expect(new URL(url).origin).toBe(p.url);
    return url;
  };

  beforeAll(async () => {
    p = await bootPlatform('files');
    const reg = await p.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'uploader', email: 'uploader@e2e.test', password: 'uploader password 1' },
    });
    token = reg.data!.register.accessToken;
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('uploads, lists, downloads, seeks and deletes', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
    const created = await p.gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
      CREATE,
      { i: { filename: 'Quarterly report.pdf', contentType: 'application/pdf', size: bytes.length } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const { file, uploadUrl } = created.data!.createUpload;

    const put = await fetch(viaGateway(uploadUrl), { method: 'PUT', body: bytes });
    expect(put.status).toBe(201);
    expect(put.headers.get('x-request-id')).toBeTruthy();

    const listed = await p.gql<{ files: { totalCount: number; edges: { node: Node }[] } }>(LIST, {}, token);
    expect(listed.errors).toBeUndefined();
    const node = listed.data!.files.edges[0].node;
    expect(node).toMatchObject({
      id: file.id,
      filename: 'Quarterly report.pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      owner: { username: 'uploader' },
    });
    expect(node.owner.avatarUrl).toMatch(/\/files\/avatars\/.+\?v=identicon$/);
    expect((await fetch(viaGateway(node.owner.avatarUrl))).headers.get('content-type')).toMatch(
      /^image\/svg\+xml/,
    );

    const download = await fetch(viaGateway(node.downloadUrl));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toContain(
      'attachment; filename="Quarterly report.pdf"',
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    const range = await fetch(viaGateway(node.downloadUrl), { headers: { range: 'bytes=1000-1999' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);

    const deleted = await p.gql('mutation ($id: ID!) { deleteFile(id: $id) }', { id: file.id }, token);
    expect(deleted.data).toEqual({ deleteFile: true });
    const gone = await p.gql('query ($id: ID!) { file(id: $id) { id } }', { id: file.id }, token);
    expect(gone.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await fetch(viaGateway(node.downloadUrl))).status).toBe(404);
  });

  it('refuses a lying upload through the gateway and keeps nothing', async () => {
    const created = await p.gql<{ createUpload: { file: { id: string }; uploadUrl: string } }>(
      CREATE,
      { i: { filename: 'cat.png', contentType: 'image/png', size: 4096 } },
      token,
    );
    const put = await fetch(viaGateway(created.data!.createUpload.uploadUrl), {
      method: 'PUT',
      body: randomBytes(4096),
    });
    expect(put.status).toBe(415);
    expect(await put.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'contentType' } }],
    });
    const listed = await p.gql<{ files: { totalCount: number } }>('{ files { totalCount } }', {}, token);
    expect(listed.data?.files.totalCount).toBe(0);
  });
});

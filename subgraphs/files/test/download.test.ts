import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png } from './support/bytes.js';
import { type Harness, local, signer, startFiles } from './support/harness.js';
import type { TestUser } from './support/stand-ins.js';

const URL_OF = 'query ($id: ID!) { file(id: $id) { downloadUrl } }';

describe('downloads', () => {
  let h: Harness;
  let alice: TestUser;
  let bytes: Buffer;
  let url: string;
  let etag: string;

  const urlOf = async (id: string) =>
    local(h, (await h.gql<{ file: { downloadUrl: string } }>(URL_OF, { id }, alice)).data!.file.downloadUrl);

  beforeAll(async () => {
    h = await startFiles();
    alice = await h.stands.user();
    bytes = pdf(100_000);
    const { ticket } = await h.upload(alice, bytes, {
      filename: 'résumé "2024".pdf',
      contentType: 'application/pdf',
    });
    url = await urlOf(ticket.file.id);
    etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!;
  });
  afterAll(() => h?.stop());

  it('streams the whole file with safe headers', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ _2024_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20_2024_.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers HEAD without a body and 304 for a matching ETag', async () => {
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('honours single byte ranges for seeking', async () => {
    const range = async (value: string, extra: Record<string, string> = {}) => {
      const res = await fetch(url, { headers: { range: value, ...extra } });
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    };
    const first = await range('bytes=0-9');
    expect(first.res.status).toBe(206);
    expect(first.res.headers.get('content-range')).toBe(`bytes 0-9/${bytes.length}`);
    expect(first.body.equals(bytes.subarray(0, 10))).toBe(true);

    const middle = await range('bytes=50000-');
    expect(middle.res.headers.get('content-length')).toBe(String(bytes.length - 50000));
    expect(middle.body.equals(bytes.subarray(50000))).toBe(true);

    const suffix = await range('bytes=-5');
    expect(suffix.body.equals(bytes.subarray(-5))).toBe(true);

    const clipped = await range(`bytes=${bytes.length - 3}-${bytes.length + 100}`);
    expect(clipped.res.headers.get('content-range')).toBe(
      `bytes ${bytes.length - 3}-${bytes.length - 1}/${bytes.length}`,
    );

    const past = await range(`bytes=${bytes.length}-`);
    expect(past.res.status).toBe(416);
    expect(past.res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

    expect((await range('bytes=0-1,5-6')).res.status).toBe(200);
    expect((await range('bytes=0-9', { 'if-range': '"stale"' })).res.status).toBe(200);
    expect((await range('bytes=0-9', { 'if-range': etag })).res.status).toBe(206);
  });

  it('shows media inline and offers documents as downloads', async () => {
    const { ticket } = await h.upload(alice, png(10), { filename: 'pic.png', contentType: 'image/png' });
    const res = await fetch(await urlOf(ticket.file.id));
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="pic.png"/);
    await res.arrayBuffer();
  });

  it('refuses expired, tampered and misdirected download links', async () => {
    const { ticket: other } = await h.upload(alice, png(10), {
      filename: 'other.png',
      contentType: 'image/png',
    });
    const id = new URL(url).pathname.split('/')[2];

    const expired = signer.downloadUrl(id, 60, Date.now() - 3600_000);
    const expiredRes = await fetch(local(h, expired.url));
    expect(expiredRes.status).toBe(403);
    expect(await expiredRes.json()).toMatchObject({
      errors: [{ message: 'The download link has expired', extensions: { code: 'FORBIDDEN' } }],
    });

    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${tampered.searchParams.get('signature')!.slice(0, -2)}AA`);
    expect((await fetch(tampered)).status).toBe(403);

    const misdirected = new URL(url);
    misdirected.pathname = `/files/${other.file.id}/content`;
    expect((await fetch(misdirected)).status).toBe(403);

    const unsigned = new URL(url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);
  });

  it('answers unknown routes and methods with a coded 404', async () => {
    const res = await fetch(url, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('answers 404 for a signed link whose file is gone', async () => {
    const { ticket } = await h.upload(alice, png(20), { filename: 'gone.png', contentType: 'image/png' });
    const link = await urlOf(ticket.file.id);
    await h.gql('mutation ($id: ID!) { deleteFile(id: $id) }', { id: ticket.file.id }, alice);
    const res = await fetch(link);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

import { describe, expect, it } from 'vitest';
import { parseRange } from '../src/http/range.js';
import { contentDisposition } from '../src/http/send-file.js';
import { UrlSigner } from '../src/modules/signing/url-signer.js';
import { normalizeType, typeMismatch } from '../src/modules/upload/content-type.js';
import { sanitizeFilename } from '../src/modules/upload/filename.js';
import { pdf, png, text } from './support/bytes.js';

describe('filenames', () => {
  it('tidies names without changing what they say', () => {
    expect(sanitizeFilename('  Quarterly   report.pdf ')).toBe('Quarterly report.pdf');
    expect(sanitizeFilename('.env')).toBe('env');
    expect(sanitizeFilename('what?<now>|*.txt')).toBe('what__now___.txt');
    expect(sanitizeFilename('Cafe\u0301.txt')).toBe('Café.txt');
    expect(sanitizeFilename('wait... what.txt')).toBe('wait... what.txt');
    const long = sanitizeFilename(`${'é'.repeat(300)}.mp4`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('é.mp4')).toBe(true);
  });

  it('drops bidi overrides, isolates and other invisible marks, so a name shows what it is', () => {
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('\u2067report\u2069\u200F.pdf\uFEFF')).toBe('report.pdf');
    expect(sanitizeFilename('a\u202A\u202B\u202C\u202D\u2066\u2068\u200E\u061Cb.txt')).toBe('ab.txt');
    expect(() => sanitizeFilename('\u202E\u2066')).toThrow(/must not be empty/);
    expect(() => sanitizeFilename('bell\u0007.txt')).toThrow(/control characters/);
    expect(() => sanitizeFilename('c1\u009b.txt')).toThrow(/control characters/);
  });

  it('refuses anything that looks like a path', () => {
    for (const name of ['../x', 'a/b', 'C:\\x', '..', '.', 'tab\there', '', '...']) {
      expect(() => sanitizeFilename(name), name).toThrow();
    }
  });
});

describe('ranges', () => {
  it('parses one range and refuses ranges past the end', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'all' });
    expect(parseRange('bytes=0-0', 100)).toEqual({ kind: 'range', range: { start: 0, end: 0 } });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'range', range: { start: 90, end: 99 } });
    expect(parseRange('bytes=-200', 100)).toEqual({ kind: 'range', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-1', 100)).toEqual({ kind: 'all' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'all' });
    expect(parseRange('bytes=0-1,3-4', 100)).toEqual({ kind: 'all' });
  });
});

describe('signed URLs', () => {
  const signer = new UrlSigner('unit-test-secret-123', 'https://trae.example');

  it('open one action on one file until they expire', () => {
    const now = Date.now();
    const { url } = signer.downloadUrl('f1', 600, now);
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://trae.example/files/f1/content');
    const [expires, signature] = [u.searchParams.get('expires'), u.searchParams.get('signature')];
    expect(signer.verify('download', 'f1', expires, signature, now)).toBe('ok');
    expect(signer.verify('download', 'f2', expires, signature, now)).toBe('invalid');
    expect(signer.verify('upload', 'f1', expires, signature, now)).toBe('invalid');
    expect(signer.verify('download', 'f1', String(Number(expires) + 1), signature, now)).toBe('invalid');
    expect(signer.verify('download', 'f1', expires, signature, now + 3600_000)).toBe('expired');
    expect(signer.verify('download', 'f1', undefined, signature, now)).toBe('invalid');
    expect(
      new UrlSigner('another-secret-12345', 'https://x').verify('download', 'f1', expires, signature, now),
    ).toBe('invalid');
  });
});

describe('content types', () => {
  it('normalizes aliases and parameters', () => {
    expect(normalizeType('Image/JPG; q=1')).toBe('image/jpeg');
    expect(normalizeType('audio/x-wav')).toBe('audio/wav');
  });

  it('believes the bytes, not the label', async () => {
    expect(await typeMismatch('image/png', png(10), true)).toBeNull();
    expect(await typeMismatch('image/png', pdf(10), true)).toBe(
      'the bytes are application/pdf, not image/png',
    );
    expect(await typeMismatch('application/pdf', text(100), true)).toBe(
      'the bytes are not recognisably application/pdf',
    );
    expect(await typeMismatch('text/csv', text(100), true)).toBeNull();
    expect(await typeMismatch('text/plain', png(10), true)).toBe('the bytes are image/png, not text/plain');
    expect(await typeMismatch('text/plain', Buffer.from([0x61, 0x00, 0x62]), true)).toMatch(/not UTF-8 text/);
    // A multi-byte character cut at the end of an incomplete sample is still text.
    expect(await typeMismatch('text/plain', Buffer.from('aé').subarray(0, 2), false)).toBeNull();
    expect(await typeMismatch('application/json', Buffer.from(' {"a":1}'), true)).toBeNull();
  });

  it('writes RFC 6266 dispositions', () => {
    expect(contentDisposition('inline', 'a b.png')).toBe(
      `inline; filename="a b.png"; filename*=UTF-8''a%20b.png`,
    );
    expect(contentDisposition('attachment', "naïve's (1).txt")).toBe(
      `attachment; filename="na_ve's (1).txt"; filename*=UTF-8''na%C3%AFve%27s%20%281%29.txt`,
    );
  });
});

import { randomBytes } from 'node:crypto';

/** A real 1x1 PNG, optionally padded with random bytes after the image (still a PNG to any sniffer). */
export function png(extra = 0): Buffer {
  const image = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  return Buffer.concat([image, randomBytes(extra)]);
}

export const pdf = (extra = 0) =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
    randomBytes(extra),
  ]);

/** Printable text, `size` bytes. */
export const text = (size: number, line = 'id,name,score\n1,alice,42\n') =>
  Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));

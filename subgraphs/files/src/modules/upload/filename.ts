import { Errors } from '@trae/kit';

const MAX_BYTES = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const RESERVED = /[<>:"|?*]/g;

/**
 * A name for display and for `Content-Disposition`, never for a path: the bytes live under their hash.
 * Anything that looks like a path is refused outright (clients that send one have a bug worth seeing);
 * the rest is tidied: NFC, collapsed spaces, no characters Windows forbids, no leading dots, <= 255 bytes.
 */
export function sanitizeFilename(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!name) throw Errors.badInput('filename', 'filename must not be empty');
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw Errors.badInput('filename', 'filename must be a plain name, without path separators or ".."');
  }
  if (CONTROL.test(name)) throw Errors.badInput('filename', 'filename must not contain control characters');
  let clean = name
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (!clean) throw Errors.badInput('filename', 'filename has no usable characters');
  while (Buffer.byteLength(clean) > MAX_BYTES) clean = shorten(clean);
  return clean;
}

/** Drops characters before the extension, so `report.pdf` stays a `.pdf`. */
function shorten(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = [...name.slice(0, name.length - ext.length)];
  stem.pop();
  return stem.join('') + ext;
}

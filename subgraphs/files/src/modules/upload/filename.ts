import { Errors } from '@trae/kit';

const MAX_BYTES = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const RESERVED = /[<>:"|?*]/g;
/**
 * Invisible characters that reorder or hide what a name says (`invoice\u202Efdp.exe` shows as
 * `invoiceexe.pdf`): bidi embeddings, overrides, isolates and marks, the byte-order mark, interlinear
 * annotations. They carry no meaning in a file name, so they are dropped rather than refused.
 */
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * A name for display and for `Content-Disposition`, never for a path: the bytes live under their hash.
 * Anything that looks like a path, and any control character, is refused outright (clients that send one
 * have a bug worth seeing); the rest is tidied: NFC, no bidi or other invisible marks, collapsed spaces,
 * no characters Windows forbids, no leading dots, <= 255 bytes.
 */
export function sanitizeFilename(raw: string): string {
  const name = raw.normalize('NFC').replace(INVISIBLE, '').trim();
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

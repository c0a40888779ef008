import { fileTypeFromBuffer } from 'file-type';

/** file-type needs this much of the start of a file to recognise every format it knows. */
export const SNIFF_BYTES = 4100;

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'application/x-gzip': 'application/gzip',
  'application/x-zip-compressed': 'application/zip',
};

/** Formats with no magic bytes: recognised by being UTF-8 text that file-type does not claim. */
const TEXT_TYPES = new Set([
  'text/plain',
  'text/csv',
  'text/tab-separated-values',
  'text/markdown',
  'application/json',
]);

/** `Image/JPG; charset=x` -> `image/jpeg`. */
export function normalizeType(type: string): string {
  const base = type.split(';')[0].trim().toLowerCase();
  return ALIASES[base] ?? base;
}

export const isTextType = (type: string) => TEXT_TYPES.has(type);

function isUtf8Text(sample: Buffer, complete: boolean): boolean {
  if (sample.includes(0)) return false;
  try {
    // Streaming mode tolerates a character cut in half at the end of an incomplete sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the first bytes of an upload are not the declared type, or null when they are. `complete` says the
 * sample is the whole file.
 */
export async function typeMismatch(
  declared: string,
  sample: Buffer,
  complete: boolean,
): Promise<string | null> {
  const detected = await fileTypeFromBuffer(sample);
  const actual = detected && normalizeType(detected.mime);
  if (isTextType(declared)) {
    if (actual) return `the bytes are ${actual}, not ${declared}`;
    if (!isUtf8Text(sample, complete)) return `the bytes are not UTF-8 text, so not ${declared}`;
    if (declared === 'application/json' && !/^\s*[[{]/.test(sample.toString('utf8'))) {
      return 'the bytes do not start a JSON object or array';
    }
    return null;
  }
  if (!actual) return `the bytes are not recognisably ${declared}`;
  return actual === declared ? null : `the bytes are ${actual}, not ${declared}`;
}

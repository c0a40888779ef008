import { createHash } from 'node:crypto';

export interface ErrorSignature {
  type: string;
  message: string;
  frames: string[];
  fingerprint: string;
}

/** How many in-app frames make an error's identity: enough to tell call sites apart, no more. */
const TOP_FRAMES = 3;

/** Order matters: a UUID or a timestamp must be replaced before its digits are. */
const VARIABLE_PARTS: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>'],
  [/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<ip>'],
  // Hashes and object ids: 8+ hex characters with at least one digit (so plain words stay).
  [/\b(0x)?(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  [/\b\d+(\.\d+)?\b/g, '<n>'],
];

/** The message with ids, times, addresses and numbers replaced, so one bug makes one group. */
export function normalizeMessage(message: string): string {
  let out = message.split('\n')[0] ?? '';
  for (const [pattern, token] of VARIABLE_PARTS) out = out.replace(pattern, token);
  return out.replace(/\s+/g, ' ').trim().slice(0, 500);
}

const FRAME = /^\s*at (?:(.+?) \()?(.+?)(?::\d+)?(?::\d+)?\)?$/;

/**
 * The top frames that are our code: not node internals, not dependencies. Line and column are left
 * out on purpose, since every deploy moves them and would split a group; `dist/x.js` and `src/x.ts`
 * name the same file.
 */
export function inAppFrames(stack: string, max = TOP_FRAMES): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    if (frames.length >= max) break;
    const m = FRAME.exec(line);
    if (!m || !line.trim().startsWith('at ')) continue;
    const location = m[2].replace(/^file:\/\//, '');
    if (/node_modules|^node:|^internal\/|<anonymous>|^native$|^index \d+$/.test(location)) continue;
    // Inside a package's src/ or dist/, the path from there; elsewhere the last two segments.
    const inPackage = /\/(?:src|dist)\/(.+)$/.exec(location)?.[1];
    const file = (inPackage ?? location.split('/').slice(-2).join('/')).replace(/\.(ts|js|mjs|cjs)$/, '');
    const fn = (m[1] ?? '<anonymous>').replace(/^async /, '').replace(/^new /, '');
    frames.push(`${fn}@${file}`);
  }
  return frames;
}

/** The group an error belongs to: its type, normalized message and top in-app frames. */
export function signature(err: { type?: string; message?: string; stack: string }): ErrorSignature {
  const firstLine = err.stack.split('\n')[0] ?? '';
  const type = (err.type || /^(\w+)(?::|$)/.exec(firstLine)?.[1] || 'Error').slice(0, 100);
  const message = normalizeMessage(err.message ?? firstLine.replace(/^\w+:\s*/, ''));
  const frames = inAppFrames(err.stack);
  const fingerprint = createHash('sha256')
    .update([type, message, ...frames].join('\n'))
    .digest('hex');
  return { type, message, frames, fingerprint };
}

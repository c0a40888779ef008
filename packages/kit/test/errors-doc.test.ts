import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, isDocumentedCloseCode } from '../src/close-codes.js';
import { renderErrorsDoc } from '../src/errors-doc.js';
import { CloseCode } from '../src/ws.js';

describe('docs/errors.md', () => {
  it('is what the registries generate (run `npm run docs:errors` after changing them)', async () => {
    const checkedIn = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(checkedIn).toBe(renderErrorsDoc());
  });

  it('documents every close code the subgraphs send, each once, with when and what to do', () => {
    for (const code of Object.values(CloseCode)) expect(isDocumentedCloseCode(code)).toBe(true);
    const codes = CLOSE_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CLOSE_CODES) {
      expect(c.when.length).toBeGreaterThan(10);
      expect(c.retry.length).toBeGreaterThan(2);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run audit:federation` decides with audit/compare.mjs: it must fail on any test that is not a known
// failure (a suite that passed stops passing) and only then.
const compare = join(import.meta.dirname, '../audit/compare.mjs');
const dir = mkdtempSync(join(tmpdir(), 'audit-compare-'));
const known = join(dir, 'known.txt');
writeFileSync(known, '# comment\nkeys-mashup X\nrequires-with-argument ..XXX\n');

function run(results: string): { code: number; out: string } {
  const file = join(dir, `results-${Math.random()}.txt`);
  writeFileSync(file, `${results}\n---\nTotal: 9\nPassed: 5\nFailed: 4\n`);
  try {
    return { code: 0, out: execFileSync(process.execPath, [compare, file, known], { encoding: 'utf8' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, out: failed.stdout };
  }
}

describe('federation audit comparison', () => {
  it('passes when only the known failures fail, counting tests before the summary', () => {
    const { code, out } = run('abstract-types\n...\nkeys-mashup\nX\nrequires-with-argument\n..XXX');
    expect(code).toBe(0);
    expect(out).toContain('federation audit: 5 of 9 tests passed (3 suites)');
  });

  it('fails naming the test when a test that passed stops passing', () => {
    const { code, out } = run('abstract-types\n.X.\nkeys-mashup\nX\nrequires-with-argument\n..XXX');
    expect(code).toBe(1);
    expect(out).toContain('FAILED, not known failures: abstract-types #1');
  });

  it('says when a known failure starts passing, without failing', () => {
    const { code, out } = run('abstract-types\n...\nkeys-mashup\n.\nrequires-with-argument\n..X.X');
    expect(code).toBe(0);
    expect(out).toContain(
      'now passing (remove from known-failures.txt): keys-mashup #0, requires-with-argument #3',
    );
  });
});

// Compares an audit results file (a suite id, then a line of `.` pass / `X` fail per test) with the
// known failures (`suite .X..` lines): exits 1 when a test fails that is not a known failure, so a
// suite that passed cannot quietly stop passing; says so when a known failure starts passing.
import { readFileSync } from 'node:fs';

const [resultsPath, knownPath] = process.argv.slice(2);
// The audit appends a summary after a `---` line.
const text = readFileSync(resultsPath, 'utf8').split('\n---')[0];
const lines = text.split('\n').filter(Boolean);
const results = new Map();
for (let i = 0; i + 1 < lines.length; i += 2) results.set(lines[i].trim(), lines[i + 1].trim());
const known = new Map(
  readFileSync(knownPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/)),
);

let passed = 0;
let total = 0;
const regressed = [];
const fixed = [];
for (const [suite, marks] of results) {
  const expected = known.get(suite) ?? '';
  [...marks].forEach((mark, index) => {
    total += 1;
    if (mark === '.') passed += 1;
    const knownFailure = expected[index] === 'X';
    if (mark !== '.' && !knownFailure) regressed.push(`${suite} #${index}`);
    if (mark === '.' && knownFailure) fixed.push(`${suite} #${index}`);
  });
}
const missing = [...known.keys()].filter((suite) => !results.has(suite));

console.log(`federation audit: ${passed} of ${total} tests passed (${results.size} suites)`);
if (fixed.length) console.log(`now passing (remove from known-failures.txt): ${fixed.join(', ')}`);
if (missing.length) console.log(`known failures of suites that did not run: ${missing.join(', ')}`);
if (regressed.length) {
  console.log(`FAILED, not known failures: ${regressed.join(', ')}`);
  process.exit(1);
}
console.log('federation audit: no test fails that is not a known failure');

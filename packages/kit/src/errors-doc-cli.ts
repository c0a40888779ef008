import './require-node.js';
import { readFile, writeFile } from 'node:fs/promises';
import { renderErrorsDoc } from './errors-doc.js';

/** Writes docs/errors.md; with `--check` writes nothing and fails when the checked-in page is stale. */
const path = new URL('../../../docs/errors.md', import.meta.url);
const text = renderErrorsDoc();
if (!process.argv.includes('--check')) {
  await writeFile(path, text);
  console.log(`docs: wrote ${path.pathname}`);
} else if ((await readFile(path, 'utf8').catch(() => '')) !== text) {
  console.error(`Stale ${path.pathname}: run \`npm run docs:errors\` and commit.`);
  process.exit(1);
} else {
  console.log('docs: errors.md is up to date');
}

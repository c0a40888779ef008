import { readFile, writeFile } from 'node:fs/promises';
import { composeSupergraph } from './composition.js';
import { subgraphs } from './subgraphs.js';

/**
 * Prints every subgraph's SDL from code (no servers), composes the supergraph and writes it to
 * schema/. With `--check` it writes nothing and fails when the checked-in files are stale.
 */
const root = new URL('../', import.meta.url);
const check = process.argv.includes('--check');

const { printed, supergraphSdl, errors, hints } = await composeSupergraph(subgraphs);
if (supergraphSdl === undefined) {
  console.error(`Composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
for (const hint of hints) console.warn(`hint: ${hint}`);

const files = [
  { path: new URL('supergraph.graphql', root), text: supergraphSdl },
  ...printed.map((s) => ({ path: new URL(`subgraphs/${s.name}.graphql`, root), text: s.sdl })),
];

const stale: string[] = [];
for (const file of files) {
  const current = await readFile(file.path, 'utf8').catch(() => '');
  if (current === file.text) continue;
  if (check) stale.push(file.path.pathname);
  else await writeFile(file.path, file.text);
}
if (check && stale.length) {
  console.error(
    `Stale schema files (run \`npm run schema:compose\` and commit):\n${stale.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(check ? 'schema: supergraph is up to date' : `schema: wrote ${files.length} files`);

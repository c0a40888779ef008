import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Names } from './names.js';

/** One registration point: edited (and the edit read back), or left to the developer with what to do. */
export interface Registration {
  file: string;
  done: boolean;
  what: string;
}

type Edit = (text: string) => string | undefined;

/** Applies `edit` to `root/file` and checks every `expected` line is there afterwards. */
function edit(root: string, file: string, what: string, expected: string[], change: Edit): Registration {
  const path = join(root, file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const after = before === undefined ? undefined : change(before);
  if (after === undefined || !expected.every((line) => after.includes(line))) {
    return { file, done: false, what: `${what}:\n      ${expected.join('\n      ')}` };
  }
  writeFileSync(path, after);
  return { file, done: true, what };
}

/** Inserts `line` before the first line matching `anchor`; undefined when there is none. */
function insertBefore(text: string, anchor: RegExp, line: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => anchor.test(l));
  if (at < 0) return undefined;
  lines.splice(at, 0, line);
  return lines.join('\n');
}

/** Inserts `line` after the last line matching `anchor`. */
function insertAfterLast(text: string, anchor: RegExp, line: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findLastIndex((l) => anchor.test(l));
  if (at < 0) return undefined;
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}

/** The edits a new subgraph needs that can be made safely: each a line or two in a known place. */
export function register(root: string, n: Names, port: number): Registration[] {
  const build = `build${n.Name}Schema`;
  const importLine = `import { ${build} } from '@trae/${n.name}';`;
  const entry = `  { name: '${n.name}', url: 'http://127.0.0.1:${port}/graphql', build: ${build} },`;
  const service = `  { name: '${n.name}', role: 'subgraph', entry: 'subgraphs/${n.name}/dist/index.js', port: ${port}, ready: '/ready' },`;
  const url = `${n.env}_URL=http://127.0.0.1:${port}`;
  return [
    edit(root, 'schema/src/subgraphs.ts', 'composed into the supergraph', [importLine, entry], (text) => {
      const imported = insertAfterLast(text, /^import .* from '@trae\//, importLine);
      return imported && insertBefore(imported, /^\];/, entry);
    }),
    edit(
      root,
      'schema/package.json',
      'a dependency of the schema package',
      [`"@trae/${n.name}": "*"`],
      (text) => {
        const manifest = JSON.parse(text) as { dependencies?: Record<string, string> };
        const deps = { ...manifest.dependencies, [`@trae/${n.name}`]: '*' };
        manifest.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
        return `${JSON.stringify(manifest, null, 2)}\n`;
      },
    ),
    edit(root, 'packages/launcher/src/services.ts', 'started by `npm start`', [service], (text) =>
      insertBefore(text, /^\s*\{ name: 'gateway'/, service),
    ),
    edit(root, '.env.example', 'its URL and port listed', [url, `# PORT=${port}`], (text) => {
      const listed = insertAfterLast(text, /^[A-Z0-9_]+_URL=http:\/\/127\.0\.0\.1:\d+$/, url);
      return listed && `${listed.trimEnd()}\n\n# ---- ${n.name} ----\n# PORT=${port}\n`;
    }),
  ];
}

/** Ports the platform already uses, from the registration files that exist under `root`. */
export function usedPorts(root: string): { subgraphs: number[]; all: number[] } {
  const read = (file: string) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '');
  const ports = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => Number(m[1]));
  const subgraphs = ports(read('schema/src/subgraphs.ts'), /:(\d+)\/graphql/g);
  const all = [
    ...subgraphs,
    ...ports(read('packages/launcher/src/services.ts'), /port: (\d+)/g),
    ...ports(read('.env.example'), /127\.0\.0\.1:(\d+)/g),
  ];
  return { subgraphs, all };
}

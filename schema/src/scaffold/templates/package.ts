import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Names, ScaffoldError } from '../names.js';

interface Manifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** What the generated code imports; the versions come from the subgraphs already in the repo. */
const DEPENDENCIES = [
  '@mikro-orm/core',
  '@mikro-orm/decorators',
  '@mikro-orm/migrations',
  '@mikro-orm/postgresql',
  'dataloader',
  'express',
  'graphql',
  'reflect-metadata',
  'type-graphql',
  'zod',
];
/** The task names every workspace has (turbo runs them). */
const SCRIPTS = ['build', 'typecheck', 'lint', 'test'];

/** `package.json` for `@trae/<name>`: the others' shape, their scripts and their dependency versions. */
export function packageJson(n: Names, repo: string): string {
  const subgraphs = join(repo, 'subgraphs');
  const models = readdirSync(subgraphs)
    .sort()
    .map((dir) => join(subgraphs, dir, 'package.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Manifest);
  const copy = (what: string, find: (m: Manifest) => string | undefined) => {
    const found = models.map(find).find((v) => v !== undefined);
    if (found === undefined) throw new ScaffoldError(`no subgraph in ${subgraphs} has ${what} to copy`);
    return found;
  };
  const version = (dep: string) =>
    copy(`a version of ${dep}`, (m) => m.dependencies?.[dep] ?? m.devDependencies?.[dep]);
  const dependencies = Object.fromEntries(
    [...DEPENDENCIES.map((dep) => [dep, version(dep)]), ['@trae/kit', '*']].sort(([a], [b]) =>
      a < b ? -1 : 1,
    ),
  );
  const manifest = {
    name: `@trae/${n.name}`,
    private: true,
    version: '0.1.0',
    type: 'module',
    exports: { '.': { types: './dist/server.d.ts', default: './dist/server.js' } },
    bin: { [`trae-${n.name}`]: './dist/index.js' },
    scripts: Object.fromEntries(SCRIPTS.map((s) => [s, copy(`a "${s}" script`, (m) => m.scripts?.[s])])),
    dependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

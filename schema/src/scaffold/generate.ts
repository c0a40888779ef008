import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { deriveNames, type Names, ScaffoldError } from './names.js';
import { type Registration, register, usedPorts } from './register.js';
import { moduleFiles } from './templates/module.js';
import { packageJson } from './templates/package.js';
import { serviceFiles } from './templates/service.js';
import { testFiles } from './templates/test.js';

/** The repo this script belongs to: versions, tsconfig and formatter come from it. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface NewSubgraphOptions {
  name: string;
  /** The example module's entity. @default the name without a trailing "s" */
  entity?: string;
  /** @default one above the highest subgraph port */
  port?: number;
  /** Where `subgraphs/<name>/` is written and whose registration files are edited. @default the repo */
  root?: string;
  /** Dates the initial migration. @default now */
  now?: Date;
}

export interface NewSubgraph {
  names: Names;
  port: number;
  dir: string;
  /** Written, relative to `dir`. */
  files: string[];
  registrations: Registration[];
  /** What the formatter could not fix (empty when the output is clean). */
  lint: string;
}

function pickPort(root: string, wanted: number | undefined): number {
  const { subgraphs, all } = usedPorts(root);
  if (wanted !== undefined) {
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) {
      throw new ScaffoldError(`--port must be a port number (1-65535), got ${wanted}`);
    }
    if (all.includes(wanted)) throw new ScaffoldError(`port ${wanted} is taken by another service`);
    return wanted;
  }
  let port = Math.max(4005, ...subgraphs) + 1;
  while (all.includes(port)) port++;
  return port;
}

/** Refuses names the checked-in supergraph already has: composition would fail on them later. */
function checkSupergraph(root: string, n: Names, envName: string): void {
  const env = join(root, '.env.example');
  if (existsSync(env) && new RegExp(`^${envName}=`, 'm').test(readFileSync(env, 'utf8'))) {
    throw new ScaffoldError(`${envName} is already in .env.example; pick another name`);
  }
  const path = join(root, 'schema/supergraph.graphql');
  if (!existsSync(path)) return;
  const fields = new Map<string, Set<string>>();
  for (const d of parse(readFileSync(path, 'utf8')).definitions) {
    if (!('name' in d) || !d.name) continue;
    const own = 'fields' in d && d.fields ? d.fields.map((f) => f.name.value) : [];
    fields.set(d.name.value, new Set([...(fields.get(d.name.value) ?? []), ...own]));
  }
  const taken = [
    ...[n.Entity, `${n.Entity}Connection`, `${n.Entity}Edge`, `Create${n.Entity}Input`].filter((t) =>
      fields.has(t),
    ),
    ...[
      `Query.${n.entityCamel}`,
      `Query.${n.plural}`,
      `Mutation.create${n.Entity}`,
      `User.${n.plural}`,
    ].filter((f) => {
      const [type, field] = f.split('.');
      return fields.get(type)?.has(field);
    }),
  ];
  if (taken.length) {
    throw new ScaffoldError(
      `the supergraph already has ${taken.join(', ')}; pick another name or pass --entity <name>`,
    );
  }
}

/** Formats and lints what was written with the root's Biome setup; returns what is left. */
function format(root: string, paths: string[]): string {
  const biome = join(REPO, 'node_modules/.bin/biome');
  if (!existsSync(biome) || !existsSync(join(root, 'biome.json'))) {
    return 'no Biome setup found: run `npx biome check --write` on the new files';
  }
  const run = spawnSync(biome, ['check', '--write', '--vcs-enabled=false', ...paths], {
    cwd: root,
    encoding: 'utf8',
  });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`.trim();
}

/** Writes `subgraphs/<name>/` by the layout rule and registers it where that is a safe one-line edit. */
export function newSubgraph(options: NewSubgraphOptions): NewSubgraph {
  const root = resolve(options.root ?? REPO);
  const n = deriveNames(options.name, options.entity);
  const dir = join(root, 'subgraphs', n.name);
  if (!existsSync(join(root, 'subgraphs'))) throw new ScaffoldError(`${root} has no subgraphs/ folder`);
  if (existsSync(dir)) throw new ScaffoldError(`subgraphs/${n.name} exists already; nothing was written`);
  const port = pickPort(root, options.port);
  checkSupergraph(root, n, `${n.env}_URL`);

  const date = (options.now ?? new Date()).toISOString().slice(0, 10).replace(/-/g, '');
  const files: Record<string, string> = {
    'package.json': packageJson(n, REPO),
    ...serviceFiles(n, port, date),
    ...moduleFiles(n),
    ...testFiles(n),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const registrations = register(root, n, port);
  const edited = registrations.filter((r) => r.done).map((r) => join(root, r.file));
  const lint = format(root, [dir, ...edited.filter((f) => !f.endsWith('.env.example'))]);
  return { names: n, port, dir, files: Object.keys(files).sort(), registrations, lint };
}

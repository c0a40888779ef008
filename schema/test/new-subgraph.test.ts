import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger, type Service } from '@trae/kit';
import {
  createTestDatabase,
  gatewayHeaders,
  startIdentityKeys,
  testRedisPrefix,
  testRedisUrl,
} from '@trae/kit/testing';
import { type GraphQLSchema, Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { runCli } from '../src/scaffold/cli.js';
import { REPO } from '../src/scaffold/generate.js';
import { subgraphs } from '../src/subgraphs.js';

/** The files whose registration edits the generator makes; copied into the scratch root and read back. */
const REGISTRY = [
  'schema/src/subgraphs.ts',
  'schema/package.json',
  'schema/supergraph.graphql',
  'packages/launcher/src/services.ts',
  '.env.example',
];

/** The layout rule (README, "One subgraph layout") for `notes`. */
const NOTES_TREE = [
  'package.json',
  'src/config.ts',
  'src/context.ts',
  'src/http/routes.ts',
  'src/index.ts',
  'src/migrations/<date>-initial.ts',
  'src/migrations/index.ts',
  'src/modules/federation/federation.reference.ts',
  'src/modules/federation/user-notes.resolver.ts',
  'src/modules/federation/user.stub.ts',
  'src/modules/note/note.entity.ts',
  'src/modules/note/note.inputs.ts',
  'src/modules/note/note.reference.ts',
  'src/modules/note/note.resolver.ts',
  'src/modules/note/note.schema.ts',
  'src/modules/note/note.service.ts',
  'src/modules/note/note.types.ts',
  'src/schema.ts',
  'src/server.ts',
  'test/notes.test.ts',
  'tsconfig.build.json',
  'tsconfig.json',
  'vitest.config.ts',
];

type Note = { id: string; name: string; createdAt?: string };

/** What the test uses of the generated package's `dist/server.js`. */
interface NotesModule {
  buildNotesSchema(): Promise<GraphQLSchema>;
  loadNotesConfig(env: Record<string, string>): unknown;
  createNotes(config: unknown, logger?: unknown): Promise<Service>;
}

/** A scratch repo root: an empty `subgraphs/`, copies of the registry, the repo's node_modules and configs linked. */
function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'trae-new-subgraph-'));
  mkdirSync(join(root, 'subgraphs'));
  for (const linked of ['node_modules', 'tsconfig.json', 'biome.json']) {
    symlinkSync(join(REPO, linked), join(root, linked));
  }
  for (const file of REGISTRY) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(REPO, file), join(root, file));
  }
  return root;
}

function cli(...argv: string[]): { code: number; out: string } {
  const lines: string[] = [];
  const code = runCli(argv, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

/** One of the repo's own tools, run outside this vitest (its variables would confuse a nested vitest). */
function tool(bin: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  return spawnSync(join(REPO, 'node_modules/.bin', bin), args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const output = (run: SpawnSyncReturns<string>) => `${run.stdout}${run.stderr}`;

const tree = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => statSync(join(dir, file)).isFile())
    .map((file) => file.replace(/\d{8}-initial/, '<date>-initial'))
    .sort();

const fieldsOf = (sdl: string, type: string) =>
  (
    parse(sdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === type,
    )?.fields ?? []
  ).map((f) => f.name.value);

describe('npm run new:subgraph -- notes', () => {
  let root: string;
  let dir: string;
  let generated: { code: number; out: string };
  let written: string[];
  let build: SpawnSyncReturns<string>;

  beforeAll(() => {
    root = scratchRoot();
    dir = join(root, 'subgraphs/notes');
    generated = cli('notes', '--root', root);
    written = tree(dir);
    build = tool('tsc', ['-p', 'tsconfig.build.json'], dir);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the subgraph layout, its versions copied from the subgraphs already there', () => {
    const channels = JSON.parse(readFileSync(join(REPO, 'subgraphs/channels/package.json'), 'utf8'));

    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

    expect(generated.code, generated.out).toBe(0);
    expect(written).toEqual(NOTES_TREE);
    expect(manifest).toMatchObject({ name: '@trae/notes', scripts: channels.scripts });
    for (const dep of ['@mikro-orm/core', 'type-graphql', 'zod', 'graphql']) {
      expect(manifest.dependencies[dep]).toBe(channels.dependencies[dep]);
    }
  });

  it('registers it in the composition, the launcher and .env.example, and names what is left', async () => {
    const read = (file: string) => readFileSync(join(root, file), 'utf8');

    const { SERVICES } = await import(pathToFileURL(join(root, 'packages/launcher/src/services.ts')).href);

    expect(read('schema/src/subgraphs.ts')).toContain("import { buildNotesSchema } from '@trae/notes';");
    expect(read('schema/src/subgraphs.ts')).toContain(
      "{ name: 'notes', url: 'http://127.0.0.1:4007/graphql', build: buildNotesSchema },",
    );
    expect(JSON.parse(read('schema/package.json')).dependencies['@trae/notes']).toBe('*');
    expect(SERVICES.at(-2)).toEqual({
      name: 'notes',
      role: 'subgraph',
      entry: 'subgraphs/notes/dist/index.js',
      port: 4007,
      ready: '/ready',
    });
    expect(read('.env.example')).toMatch(/^NOTES_URL=http:\/\/127\.0\.0\.1:4007$/m);
    expect(generated.out).toContain('src/modules/metric/scrape-targets.ts');
    expect(generated.out).toContain('npm run schema:compose');
  });

  it("compiles with the repo's tsc and passes its lint", () => {
    const typecheck = tool('tsc', ['-p', 'tsconfig.json', '--noEmit'], dir);
    const lint = tool('biome', ['check', '--vcs-enabled=false', 'subgraphs/notes'], root);

    expect(build.status, output(build)).toBe(0);
    expect(typecheck.status, output(typecheck)).toBe(0);
    expect(lint.status, output(lint)).toBe(0);
  });

  it('composes with the subgraphs already there, adding User.notes', async () => {
    const notes: NotesModule = await import(pathToFileURL(join(dir, 'dist/server.js')).href);
    const entry = { name: 'notes', url: 'http://127.0.0.1:4007/graphql', build: notes.buildNotesSchema };

    const composed = await composeSupergraph([...subgraphs, entry]);

    expect(composed.errors).toEqual([]);
    const sdl = composed.supergraphSdl ?? '';
    expect(fieldsOf(sdl, 'User')).toContain('notes');
    expect(fieldsOf(sdl, 'Query')).toEqual(expect.arrayContaining(['note', 'notes']));
    expect(fieldsOf(sdl, 'Mutation')).toContain('createNote');
  });

  it('serves createNote and notes over HTTP on PostgreSQL and Redis', async () => {
    // Arrange
    const secret = 'new-subgraph-test-internal-secret';
    const db = await createTestDatabase('newsub');
    const keys = await startIdentityKeys();
    const notes: NotesModule = await import(pathToFileURL(join(dir, 'dist/server.js')).href);
    const service = await notes.createNotes(
      notes.loadNotesConfig({
        DATABASE_URL: db.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: testRedisPrefix('newsub'),
        IDENTITY_URL: keys.url,
        INTERNAL_SECRET: secret,
        NODE_ENV: 'test',
      }),
      createLogger('notes', 'silent'),
    );
    try {
      const port = await service.listen(0, '127.0.0.1');
      const token = await keys.sign('USER');
      const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            ...gatewayHeaders(secret),
          },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data: T };
      };

      // Act
      const created = await gql<{ createNote: Note }>(
        'mutation ($n: String!) { createNote(input: { name: $n }) { id name } }',
        { n: '  groceries  ' },
      );
      const listed = await gql<{ notes: { totalCount: number; edges: { node: Note }[] } }>(
        '{ notes { totalCount edges { node { id name createdAt } } } }',
      );

      // Assert
      expect(created.data.createNote.name).toBe('groceries');
      expect(listed.data.notes.totalCount).toBe(1);
      expect(listed.data.notes.edges[0].node).toMatchObject(created.data.createNote);
    } finally {
      await service.stop();
      await keys.close();
      await db.drop();
    }
  });

  it('passes its own generated test', () => {
    const run = tool('vitest', ['run'], dir);

    expect(run.status, output(run)).toBe(0);
    expect(output(run)).toMatch(/Tests\s.*4 passed/);
  });
});

describe('npm run new:subgraph refuses', () => {
  let root: string;

  beforeAll(() => {
    root = scratchRoot();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a folder that exists, writing nothing', () => {
    mkdirSync(join(root, 'subgraphs/drafts'));
    const before = REGISTRY.map((file) => readFileSync(join(root, file), 'utf8'));

    const run = cli('drafts', '--root', root);

    expect(run.code).toBe(1);
    expect(run.out).toContain('subgraphs/drafts exists already; nothing was written');
    expect(readdirSync(join(root, 'subgraphs/drafts'))).toEqual([]);
    expect(REGISTRY.map((file) => readFileSync(join(root, file), 'utf8'))).toEqual(before);
  });

  it.each([
    ['Notes', 'is not a valid name'],
    ['my_notes', 'is not a valid name'],
    ['1notes', 'is not a valid name'],
    ['notes-', 'is not a valid name'],
    ['gateway', 'a name the platform already uses'],
    ['s', 'cannot derive an entity'],
    ['inventory', 'pass --entity'],
    ['logs', 'Query.logs'],
  ])('the name %s', (name, message) => {
    const run = cli(name, '--root', root);

    expect(run.code).toBe(1);
    expect(run.out).toContain(message);
    expect(readdirSync(join(root, 'subgraphs'))).not.toContain(name);
  });

  it('a port another service has', () => {
    const run = cli('bookmarks', '--port', '4002', '--root', root);

    expect(run.code).toBe(1);
    expect(run.out).toContain('port 4002 is taken');
    expect(readdirSync(join(root, 'subgraphs'))).not.toContain('bookmarks');
  });

  it('without a name, with the usage', () => {
    const run = cli('--root', root);

    expect(run.code).toBe(2);
    expect(run.out).toContain('usage: npm run new:subgraph -- <name>');
  });
});

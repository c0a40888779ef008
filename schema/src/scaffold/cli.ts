import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type NewSubgraph, newSubgraph, REPO } from './generate.js';
import { ScaffoldError } from './names.js';

const USAGE = 'usage: npm run new:subgraph -- <name> [--port 4006] [--entity <singular>] [--root <dir>]';

/** The places that name every service one by one: a sixth is added there by hand. */
function byHand(s: NewSubgraph): string[] {
  const { name, env } = s.names;
  return [
    `subgraphs/observability: ${env}_URL in src/config.ts and ['${name}', config.${env}_URL] in ` +
      'src/modules/metric/scrape-targets.ts (and its test), so its metrics and health are collected',
    `packages/kit/src/config.ts (baseEnv): ${env}_URL, if other services call ${name}`,
    'subgraphs/tasks: the system agent health check, src/worker.ts (services) and ' +
      'src/modules/runtime/system/system.schema.ts (SERVICE_NAMES)',
    "client/src/pages/logs/LogsPage.tsx: SERVICES, the dashboard's log filter",
    `docker-compose.yml (a service with PORT ${s.port}, ${env}_URL in x-service, the gateway's depends_on), ` +
      'deploy/prometheus.yml and deploy/README.md (its scrape target)',
    'README.md (architecture, ports, the <NAME>_URL row) and CONTRACT.md: the new public names',
  ];
}

function report(s: NewSubgraph, root: string): string[] {
  const n = s.names;
  const dir = relative(root, s.dir) || s.dir;
  const left = s.registrations.filter((r) => !r.done);
  return [
    `Wrote ${dir}/ (${s.files.length} files): @trae/${n.name} on port ${s.port}, ` +
      `type ${n.Entity}, Query.${n.plural}, Mutation.create${n.Entity}, User.${n.plural}`,
    ...s.registrations.filter((r) => r.done).map((r) => `  registered in ${r.file}: ${r.what}`),
    ...(left.length ? ['Not found, so left to you:', ...left.map((r) => `  ${r.file}: ${r.what}`)] : []),
    ...(s.lint ? ['Biome left problems in the new files:', s.lint] : []),
    'Next:',
    `  npm install               links the new workspace, so @trae/${n.name} resolves`,
    `  npm run schema:compose    prints schema/subgraphs/${n.name}.graphql, re-composes schema/supergraph.graphql`,
    '  npm run build             builds it; the client build copies the supergraph to client/schema.graphql',
    `  npm test -w @trae/${n.name}   its test, on the local PostgreSQL and Redis`,
    '  npm start                 the launcher starts it; the gateway routes to it',
    `  then commit ${dir}/, package-lock.json, schema/ and client/schema.graphql with the edits above`,
    'By hand, where every service is named one by one:',
    ...byHand(s).map((line) => `  - ${line}`),
    'The gateway needs no edit: it routes to each subgraph in the supergraph (its URL there, or <NAME>_URL)',
    "and /health probes each one's /ready. See docs/adding-a-subgraph.md.",
  ];
}

/** `npm run new:subgraph`: returns the exit code; every line it says goes to `say`. */
export function runCli(argv: string[], say: (line: string) => void = console.log): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        entity: { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || positionals.length !== 1) {
      say(USAGE);
      return values.help ? 0 : 2;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    const root = resolve(values.root ?? REPO);
    const made = newSubgraph({ name: positionals[0], entity: values.entity, port, root });
    for (const line of report(made, root)) say(line);
    return made.lint ? 1 : 0;
  } catch (err) {
    const usage = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof ScaffoldError) && !usage) throw err;
    say(`new:subgraph: ${(err as Error).message}`);
    say(USAGE);
    return 1;
  }
}

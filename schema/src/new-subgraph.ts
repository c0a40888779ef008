import { runCli } from './scaffold/cli.js';

/** `npm run new:subgraph -- <name>`: see docs/adding-a-subgraph.md. */
process.exitCode = runCli(process.argv.slice(2));

/**
 * The oldest Node.js major the platform runs on. Node 20 reached end of life on 2026-04-30, and the
 * dependency line (MikroORM 7, @graphql-tools/utils 13, vitest 5) needs 22+; 24 is the active LTS.
 * npm scripts run the pinned runtime from node_modules/.bin (root package.json, optionalDependencies),
 * so an older `node` on the PATH only matters when an entry point is started by hand.
 */
export const MIN_NODE_MAJOR = 24;

/** What `/health` and start-up lines report as the runtime. */
export const runtime = (): string => `node ${process.version}`;

/**
 * Stops a too-old runtime with one line before anything else runs, instead of a stack trace from
 * deep inside a library that uses something newer.
 */
export function requireRuntime(what: string, version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return;
  process.stderr.write(
    `${what} needs Node.js ${MIN_NODE_MAJOR} or newer, but this is ${version}: start it with npm ` +
      `(\`npm start\`, \`npm test\`), which uses the pinned node_modules/.bin/node, or install Node ${MIN_NODE_MAJOR}.\n`,
  );
  process.exit(1);
}

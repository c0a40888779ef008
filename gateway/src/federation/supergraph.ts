import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '@trae/kit';
import { Kind, parse, type StringValueNode } from 'graphql';

export interface SubgraphEndpoint {
  /** The subgraph's name in the supergraph (`join__graph(name:)`). */
  name: string;
  /** Where the gateway sends its operations. */
  graphqlUrl: string;
  /** The service root, for `/ready`. */
  baseUrl: string;
}

export interface Supergraph {
  sdl: string;
  subgraphs: SubgraphEndpoint[];
}

/** `IDENTITY`, `TASKS`, ...: the prefix of the subgraph's `<NAME>_URL` variable. */
export const envName = (subgraph: string) => subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * Reads the checked-in supergraph and resolves each subgraph's URL: the composed `join__graph`
 * URL is the default, `<NAME>_URL` (a base URL) moves it, so a deployment needs no recomposition.
 */
export function loadSupergraph(path: string, overrides: Readonly<Record<string, string>>): Supergraph {
  if (!existsSync(path)) {
    throw new ConfigError(`SUPERGRAPH_PATH: no supergraph at ${path} (run \`npm run schema:compose\`)`);
  }
  const sdl = readFileSync(path, 'utf8');
  const subgraphs = joinGraphs(sdl).map(({ name, url }) => {
    const variable = `${envName(name)}_URL`;
    const override = overrides[envName(name)];
    if (override === undefined) return { name, graphqlUrl: url, baseUrl: url.replace(/\/graphql\/?$/, '') };
    if (!URL.canParse(override)) throw new ConfigError(`${variable}: not a URL (${override})`);
    const baseUrl = override.replace(/\/+$/, '');
    return { name, graphqlUrl: `${baseUrl}/graphql`, baseUrl };
  });
  return { sdl, subgraphs };
}

function joinGraphs(sdl: string): { name: string; url: string }[] {
  const document = parse(sdl);
  const graphs: { name: string; url: string }[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (n: string) =>
        (directive?.arguments?.find((a) => a.name.value === n)?.value as StringValueNode | undefined)?.value;
      const name = arg('name');
      const url = arg('url');
      if (name && url) graphs.push({ name, url });
    }
  }
  if (graphs.length === 0)
    throw new ConfigError('SUPERGRAPH_PATH: the file declares no join__Graph subgraphs');
  return graphs;
}

import { composeServices } from '@apollo/composition';
import { printSubgraphSdl } from '@trae/kit';
import { parse } from 'graphql';
import type { SubgraphEntry } from './subgraphs.js';

export interface Composed {
  /** Each subgraph's SDL, printed from code. */
  printed: { name: string; url: string; sdl: string }[];
  /** Undefined when composition failed. */
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

/** Prints every subgraph's SDL from code (no servers) and composes the supergraph from them. */
export async function composeSupergraph(entries: readonly SubgraphEntry[]): Promise<Composed> {
  const printed = await Promise.all(
    entries.map(async (s) => ({ name: s.name, url: s.url, sdl: printSubgraphSdl(await s.build()) })),
  );
  const result = composeServices(printed.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  return {
    printed,
    supergraphSdl: result.errors ? undefined : result.supergraphSdl,
    errors: (result.errors ?? []).map((e) => e.message),
    hints: (result.hints ?? []).map((h) => h.toString()),
  };
}

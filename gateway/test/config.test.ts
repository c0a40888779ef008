import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@trae/kit';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { loadSupergraph } from '../src/federation/supergraph.js';

const SUPERGRAPH = `
enum join__Graph {
  IDENTITY @join__graph(name: "identity", url: "http://127.0.0.1:4001/graphql")
  TASKS @join__graph(name: "tasks", url: "http://127.0.0.1:4003/graphql")
}
type Query { ok: Boolean }
`;

function supergraphFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-config-')), 'supergraph.graphql');
  writeFileSync(path, SUPERGRAPH);
  return path;
}

describe('gateway config', () => {
  it('has the documented defaults', () => {
    const config = loadGatewayConfig({});

    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      CORS_ORIGINS: ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://localhost:5173'],
      TRUST_PROXY: false,
      QUERY_MAX_DEPTH: 12,
      QUERY_MAX_ALIASES: 30,
      QUERY_MAX_FIELDS: 500,
      QUERY_MAX_TOKENS: 10_000,
      COST_MAX: 5000,
      COST_DEFAULT_LIST_SIZE: 10,
      RATE_LIMIT_PER_MINUTE: 600,
      COST_BUDGET_PER_MINUTE: 100_000,
      AUTH_RATE_LIMIT_PER_MINUTE: 30,
      HEALTH_CACHE_MS: 2000,
      API_KEY_CACHE_MAX: 10_000,
      APQ: true,
      APQ_TTL_SECONDS: 604_800,
      TRUSTED_DOCUMENTS: 'off',
      TRUSTED_DOCUMENTS_API_KEYS: 'any',
      RESPONSE_CACHE: true,
      SUBGRAPH_DEDUP: true,
      COMPRESSION: true,
      COMPRESSION_MIN_BYTES: 1024,
    });
    expect(config.PERSISTED_DOCUMENTS_PATH).toMatch(/\/client\/src\/gql\/persisted-documents\.json$/);
    expect(config.SUPERGRAPH_PATH).toMatch(/\/schema\/supergraph\.graphql$/);
    expect(config.CLIENT_DIST).toMatch(/\/client\/dist$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses TRUST_PROXY as a boolean, a hop count or an address list', () => {
    expect(loadGatewayConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadGatewayConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadGatewayConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe(
      'loopback, 10.0.0.0/8',
    );
  });

  it('fails at boot naming the bad variable', () => {
    expect(() => loadGatewayConfig({ QUERY_MAX_DEPTH: 'deep' })).toThrow(/QUERY_MAX_DEPTH/);
    expect(() => loadGatewayConfig({ SUBGRAPH_DEDUP: 'maybe' })).toThrow(/SUBGRAPH_DEDUP/);
  });

  it('turns the subgraph fetch dedup off only when asked', () => {
    expect(loadGatewayConfig({ SUBGRAPH_DEDUP: 'off' }).SUBGRAPH_DEDUP).toBe(false);
    expect(loadGatewayConfig({ SUBGRAPH_DEDUP: '' }).SUBGRAPH_DEDUP).toBe(true);
  });
});

describe('supergraph subgraph URLs', () => {
  it('uses the composed URLs unless <NAME>_URL moves them', () => {
    const config = loadGatewayConfig({ TASKS_URL: 'http://10.0.0.5:9000/', DATABASE_URL: 'postgres://db/x' });

    const { subgraphs } = loadSupergraph(supergraphFile(), config.subgraphUrls);

    expect(subgraphs).toEqual([
      { name: 'identity', graphqlUrl: 'http://127.0.0.1:4001/graphql', baseUrl: 'http://127.0.0.1:4001' },
      { name: 'tasks', graphqlUrl: 'http://10.0.0.5:9000/graphql', baseUrl: 'http://10.0.0.5:9000' },
    ]);
  });

  it('refuses an override that is not a URL, naming the variable', () => {
    expect(() => loadSupergraph(supergraphFile(), { TASKS: 'not a url' })).toThrow(/TASKS_URL/);
  });

  it('explains a missing supergraph file', () => {
    expect(() => loadSupergraph('/nonexistent/supergraph.graphql', {})).toThrow(ConfigError);
  });
});

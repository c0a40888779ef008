import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCostDirectives } from '../src/cost/cost-directives.js';
import { CostLimit } from '../src/cost/cost-limit.js';
import { CostEstimator } from '../src/cost/estimate-cost.js';
import { worstCaseVariables } from './support/sample-variables.js';

// The real supergraph, as `npm run schema:compose` writes it from the subgraphs' directives.
const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const directives = readCostDirectives(parse(sdl));
const estimator = new CostEstimator(schema, directives, { listSize: 10 });
const cost = (query: string, variables?: Record<string, unknown>) =>
  estimator.estimate({ document: parse(query), variables });

// A connection page: the connection (1) + one edge (1) and its node (1) per item + totalCount (@cost 2).
const page = (items: number) => 1 + items * 2 + 2;

describe('cost estimate (IBM cost spec from the supergraph)', () => {
  it('reads @cost and @listSize from the composed supergraph', () => {
    expect(directives.fields.get('Query.tasks')?.listSize).toEqual({
      assumedSize: 20,
      slicingArguments: ['first'],
      sizedFields: ['edges'],
    });
    expect(directives.fields.get('Query.backups')?.weight).toBe(10);
  });

  it('sizes a connection by `first`, its edges only', () => {
    expect(cost('{ tasks(first: 50) { totalCount edges { node { id } } } }')).toBe(page(50));
    expect(cost('{ tasks(first: 50) { totalCount pageInfo { hasNextPage } edges { node { id } } } }')).toBe(
      page(50) + 1,
    );
  });

  it('takes the assumed size when `first` is left out, and `first` from variables', () => {
    expect(cost('{ tasks { totalCount edges { node { id } } } }')).toBe(page(20));
    expect(cost('query Q($n: Int) { tasks(first: $n) { totalCount edges { node { id } } } }', { n: 3 })).toBe(
      page(3),
    );
  });

  it('multiplies nested lists, each by its own size', () => {
    // Each of 5 tasks: Task (1) + its logs(last: 4), 4 × TaskLog (1).
    expect(cost('{ tasks(first: 5) { edges { node { logs(last: 4) { message } } } } }')).toBe(
      1 + 5 * (1 + 1 + 4),
    );
    // Task.logs has `last: Int! = 100`: the default is the size when the argument is left out.
    expect(cost('{ tasks(first: 1) { edges { node { logs { message } } } } }')).toBe(1 + 1 + 1 + 100);
  });

  it('applies weights, assumed sizes and the mutation base cost', () => {
    expect(cost('{ backups { id } }')).toBe(20 * 10);
    expect(cost('{ agents { id name } }')).toBe(20);
    expect(cost('{ webhookEventTypes }')).toBe(0);
    expect(cost('mutation { archiveChannel(id: "c") { id } }')).toBe(10);
  });

  it('counts fragments once per use and prices introspection at nothing', () => {
    const viaFragment = cost(
      '{ tasks(first: 7) { ...T } } fragment T on TaskConnection { edges { node { id } } }',
    );
    expect(viaFragment).toBe(1 + 7 * 2);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('prices every dashboard operation at a fifth of the default COST_MAX (5000) or less, pages full', () => {
    const documents = JSON.parse(
      readFileSync(new URL('../../client/src/gql/persisted-documents.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const costs = Object.values(documents).map((query) => cost(query, worstCaseVariables(schema, query)));

    expect(costs.length).toBeGreaterThan(50);
    // The dearest is MetricSeries (600 on 2026-12-04): the default leaves room for API keys' own queries.
    expect(Math.max(...costs)).toBeLessThanOrEqual(1000);
  });

  it('refuses above the maximum with the cost and the maximum in extensions', () => {
    const limit = new CostLimit({ directives, max: 100, listSize: 10 });
    const price = (query: string) => limit.price(schema, parse(query), undefined, undefined);

    expect(price('{ tasks(first: 40) { edges { node { id } } } }')).toBe(81);
    // One parsed document (as Apollo's document store hands out), priced per variables, not once.
    const document = parse('query Q($n: Int) { tasks(first: $n) { edges { node { id } } } }');
    expect(limit.price(schema, document, 'Q', { n: 3 })).toBe(7);
    expect(limit.price(schema, document, 'Q', { n: 30 })).toBe(61);
    expect(limit.price(schema, document, 'Q', { n: 3 })).toBe(7);
    expect(() => limit.price(schema, document, 'Q', { n: 60 })).toThrow(
      'Operation cost 121 exceeds the limit of 100',
    );
    expect(() => price('{ tasks(first: 60) { edges { node { id } } } }')).toThrow(
      expect.objectContaining({
        message: 'Operation cost 121 exceeds the limit of 100',
        extensions: expect.objectContaining({ code: 'COST_LIMIT_EXCEEDED', cost: 121, maxCost: 100 }),
      }),
    );
  });
});

import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlannerCase, startPlannerCase } from './support/planner-case.js';

/**
 * patches/@apollo+query-planner: two @requires of one subgraph need the same field with different
 * arguments (`price(currency: "USD")`, `price(currency: "EUR")`). Both values are fetched under
 * their own alias, but one representation can carry one `price`, so the fields go to two fetches,
 * one representation each. Unpatched 2.14.4 sent one price for both. (The audit's
 * requires-with-argument-conflict.)
 */
const V23 = (imports: string) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports}])`;

const products = [
  { upc: 'p1', price: 11, weight: 1 },
  { upc: 'p2', price: 22, weight: 2 },
];

const catalog = {
  name: 'catalog',
  typeDefs: parse(`${V23('"@key"')}
    type Query { products: [Product] }
    type Product @key(fields: "upc") { upc: String! price(currency: String!): Int weight: Int }`),
  resolvers: {
    Query: { products: () => products },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) ?? null,
      price: ({ price }: { price: number }, { currency }: { currency: string }) => {
        if (currency === 'USD') return price;
        if (currency === 'EUR') return price * 2;
        throw new Error(`unsupported currency ${currency}`);
      },
    },
  },
};

const shipping = {
  name: 'shipping',
  typeDefs: parse(`${V23('"@key", "@external", "@requires"')}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price(currency: String!): Int @external
      shippingEstimate: Int @requires(fields: "price(currency: \\"USD\\") weight")
      shippingEstimateEUR: Int @requires(fields: "price(currency: \\"EUR\\") weight")
    }`),
  resolvers: {
    Product: {
      // One representation, one price: the two estimates must come from two representations.
      __resolveReference: (ref: object) => ref,
      shippingEstimate: ({ price, weight }: { price: number; weight: number }) => price * weight * 10,
      shippingEstimateEUR: ({ price, weight }: { price: number; weight: number }) => price * weight * 10,
    },
  },
};

describe('two @requires of the same field with different arguments', () => {
  let graph: PlannerCase;
  beforeAll(async () => {
    graph = await startPlannerCase([catalog, shipping]);
  });
  afterAll(() => graph?.stop());

  const query = '{ products { upc shippingEstimate shippingEstimateEUR } }';

  it('plans one fetch per representation', () => {
    const plan = graph.plan(query);
    expect(plan.match(/Fetch\(service: "shipping"\)/g)).toHaveLength(2);
    expect(plan).toMatch(/Parallel/);
  });

  it('answers each estimate with its own price', async () => {
    expect(await graph.execute(query)).toEqual({
      data: {
        products: [
          { upc: 'p1', shippingEstimate: 110, shippingEstimateEUR: 220 },
          { upc: 'p2', shippingEstimate: 440, shippingEstimateEUR: 880 },
        ],
      },
    });
  });

  it('keeps one fetch when only one of them is asked', async () => {
    expect(
      graph.plan('{ products { shippingEstimateEUR } }').match(/Fetch\(service: "shipping"\)/g),
    ).toHaveLength(1);
    expect(await graph.execute('{ products { shippingEstimateEUR } }')).toEqual({
      data: { products: [{ shippingEstimateEUR: 220 }, { shippingEstimateEUR: 880 }] },
    });
  });
});

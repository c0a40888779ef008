import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlannerCase, startPlannerCase } from './support/planner-case.js';

/**
 * patches/@apollo+query-graphs and @apollo+query-planner: a field a @requires selects with
 * arguments is fetched under an alias and renamed back in the representation, so it no longer
 * merges with the same field the operation asks for with other arguments. Unpatched 2.14.4 kept
 * one `comments` for both: the answer carried the three required comments instead of the one
 * asked for. (The audit's requires-with-argument #2 to #4.)
 */
const V23 = (imports: string) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports}])`;

const posts = ['p1', 'p2'];
const comments = [
  { id: 'c1', postId: 'p1', authorId: 'a1' },
  { id: 'c2', postId: 'p1', authorId: 'a1' },
  { id: 'c3', postId: 'p1', authorId: 'a2' },
  { id: 'c4', postId: 'p2', authorId: 'a2' },
  { id: 'c5', postId: 'p2', authorId: 'a2' },
  { id: 'c6', postId: 'p2', authorId: 'a1' },
];
const byId = (id: string) => comments.find((c) => c.id === id) ?? null;

const feed = {
  name: 'feed',
  typeDefs: parse(`${V23('"@key"')}
    type Query { feed: [Post] }
    type Post @key(fields: "id") { id: ID! }
    type Comment @key(fields: "id") { id: ID! authorId: ID body: String! }`),
  resolvers: {
    Query: { feed: () => posts.map((id) => ({ id })) },
    Comment: { __resolveReference: ({ id }: { id: string }) => byId(id) },
  },
};

const authors = {
  name: 'authors',
  typeDefs: parse(`${V23('"@key", "@external", "@requires"')}
    type Post @key(fields: "id") {
      id: ID!
      comments(limit: Int!): [Comment]
      "The author of the post's third comment"
      author: Author @requires(fields: "comments(limit: 3) { authorId }")
    }
    type Comment @key(fields: "id") { id: ID! authorId: ID @external }
    type Author { id: ID! }`),
  resolvers: {
    Post: {
      // The representation must carry exactly the three required comments, under their own name.
      __resolveReference: (ref: { id: string; comments?: { authorId: string }[] }) => {
        if (ref.comments && ref.comments.length !== 3)
          throw new Error(`expected 3 comments: ${JSON.stringify(ref)}`);
        return { id: ref.id, authorId: ref.comments?.[2].authorId };
      },
      comments: ({ id }: { id: string }, { limit }: { limit: number }) =>
        comments
          .filter((c) => c.postId === id)
          .slice(0, limit)
          .map((c) => ({ id: c.id })),
      author: ({ authorId }: { authorId?: string }) => (authorId ? { id: authorId } : null),
    },
    Comment: { __resolveReference: ({ id }: { id: string }) => ({ id }) },
  },
};

const oneComment = {
  data: {
    feed: [
      { author: { id: 'a2' }, comments: [{ id: 'c1' }] },
      { author: { id: 'a1' }, comments: [{ id: 'c4' }] },
    ],
  },
};

describe('a @requires with arguments beside the same field with other arguments', () => {
  let graph: PlannerCase;
  beforeAll(async () => {
    graph = await startPlannerCase([feed, authors]);
  });
  afterAll(() => graph?.stop());

  it('fetches the required field under an alias and the asked one as asked', () => {
    const plan = graph.plan('{ feed { author { id } comments(limit: 1) { id } } }');
    expect(plan).toMatch(/comments__requires_[0-9a-z]+: comments\(limit: 3\)/);
    expect(plan).toContain('comments(limit: 1)');
    expect(plan).toMatch(/Flatten\(path: "feed\.@\.comments__requires_[0-9a-z]+\.@"\)/);
  });

  it('answers with the comments asked for, and the author from the required ones', async () => {
    expect(await graph.execute('{ feed { author { id } comments(limit: 1) { id } } }')).toEqual(oneComment);
  });

  it('does so with the argument in a variable, and in fragments', async () => {
    const query = 'query ($limit: Int = 1) { feed { author { id } ...Foo ...Bar } } ';
    const fragments =
      'fragment Foo on Post { comments(limit: $limit) { id } } fragment Bar on Post { comments(limit: $limit) { id } }';
    expect(await graph.execute(query + fragments)).toEqual(oneComment);
    expect(
      await graph.execute('query ($n: Int!) { feed { author { id } comments(limit: $n) { id } } }', { n: 1 }),
    ).toEqual(oneComment);
  });

  it('answers the required field alone, and the same arguments as required, as before', async () => {
    expect(await graph.execute('{ feed { author { id } } }')).toEqual({
      data: { feed: [{ author: { id: 'a2' } }, { author: { id: 'a1' } }] },
    });
    expect(await graph.execute('{ feed { author { id } comments(limit: 3) { id } } }')).toEqual({
      data: {
        feed: [
          { author: { id: 'a2' }, comments: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }] },
          { author: { id: 'a1' }, comments: [{ id: 'c4' }, { id: 'c5' }, { id: 'c6' }] },
        ],
      },
    });
  });
});

// The renamed field can sit below an object field the @requires selects without arguments.
const products = [
  { upc: 'p1', name: 'bread', price: 11, weight: 1, category: { averagePrice: 11 } },
  { upc: 'p2', name: 'wine', price: 22, weight: 2, category: { averagePrice: 22 } },
];

const catalog = {
  name: 'catalog',
  typeDefs: parse(`${V23('"@key"')}
    type Query { products: [Product] }
    type Product @key(fields: "upc") {
      upc: String! name: String price(currency: String!): Int weight: Int category: Category
    }
    type Category { averagePrice(currency: String!): Int }`),
  resolvers: {
    Query: { products: () => products },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) ?? null,
      price: ({ price }: { price: number }, { currency }: { currency: string }) =>
        currency === 'EUR' ? price * 2 : price,
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
      category: Category @external
      shippingEstimate: Int @requires(fields: "price(currency: \\"USD\\") weight")
      isExpensiveCategory: Boolean @requires(fields: "category { averagePrice(currency: \\"USD\\") }")
    }
    type Category @external { averagePrice(currency: String!): Int }`),
  resolvers: {
    Product: {
      __resolveReference: (ref: object) => ref,
      shippingEstimate: ({ price, weight }: { price: number; weight: number }) => price * weight * 10,
      isExpensiveCategory: ({ category }: { category: { averagePrice: number } }) =>
        category.averagePrice > 11,
    },
  },
};

describe('a @requires with arguments below an object field', () => {
  let graph: PlannerCase;
  beforeAll(async () => {
    graph = await startPlannerCase([catalog, shipping]);
  });
  afterAll(() => graph?.stop());

  it('sends the representation under the field names the subgraph declared', async () => {
    expect(graph.plan('{ products { shippingEstimate isExpensiveCategory } }')).toMatch(
      /category \{\s+averagePrice__requires_[0-9a-z]+: averagePrice\s+\}/,
    );
    expect(
      await graph.execute('{ products { upc price(currency: "EUR") shippingEstimate isExpensiveCategory } }'),
    ).toEqual({
      data: {
        products: [
          { upc: 'p1', price: 22, shippingEstimate: 110, isExpensiveCategory: false },
          { upc: 'p2', price: 44, shippingEstimate: 440, isExpensiveCategory: true },
        ],
      },
    });
  });
});

import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { type DocumentNode, parse, validate } from 'graphql';
import { readCostDirectives } from '../src/cost/cost-directives.js';
import { CostLimit } from '../src/cost/cost-limit.js';
import { CostEstimator } from '../src/cost/estimate-cost.js';
import { findLimitViolation } from '../src/plugins/use-query-limits.js';
import { worstCaseVariables } from '../test/support/sample-variables.js';

/**
 * `npm run bench:cost`: what the cost estimate adds to each request, on the real supergraph and the
 * dashboard's own operations (Channel, its heaviest page; Tasks; all of them in turn). Every request
 * runs the query limits and the estimate in `didResolveOperation`; the ratio compares the work before
 * planning of a document seen for the first time (parse, validate, limits) with and without the
 * estimate. Seen again, Apollo reuses the parsed document and the gateway its limits and cost (last
 * column: the whole price of such a request).
 * One process, one core; a few seconds. Not a CI gate.
 */

const root = new URL('../../../', import.meta.url);
const sdl = readFileSync(new URL('schema/supergraph.graphql', root), 'utf8');
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const directives = readCostDirectives(parse(sdl));
const estimator = new CostEstimator(schema, directives, { listSize: 10 });
const limit = new CostLimit({ directives, max: 5000, listSize: 10 });
const limits = { maxDepth: 12, maxAliases: 30, maxFields: 500 };
const documents = JSON.parse(
  readFileSync(new URL('client/src/gql/persisted-documents.json', root), 'utf8'),
) as Record<string, string>;
const byName = (name: string) => {
  const query = Object.values(documents).find((q) => new RegExp(`query ${name}\\b`).test(q));
  if (!query) throw new Error(`no dashboard operation ${name}`);
  return query;
};
const MS = Number(process.env.BENCH_MS ?? 1500);

/** Microseconds per call of `fn`, after a warm-up, over about MS milliseconds. */
function time(fn: () => unknown): number {
  for (let i = 0; i < 500; i++) fn();
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(MS) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / 1000 / calls;
}

interface Case {
  name: string;
  queries: string[];
  /** Per query. */
  variables: Record<string, unknown>[];
}

const cases: Case[] = [
  { name: 'Channel (channel page)', queries: [byName('Channel')], variables: [{ id: 'c1' }] },
  { name: 'Tasks (a page of 50)', queries: [byName('Tasks')], variables: [{ first: 50 }] },
  // Each dashboard operation once per round, every variable set (Ints at 100: full pages).
  {
    name: `all ${Object.keys(documents).length} dashboard operations (mean)`,
    queries: Object.values(documents),
    variables: Object.values(documents).map((q) => worstCaseVariables(schema, q)),
  },
];

const fmt = (n: number) => n.toFixed(1);
console.log(
  '| operation | parse + validate (µs) | query limits (µs) | cost estimate (µs) | cost | with / without | seen before: price (µs) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const c of cases) {
  const parsed: DocumentNode[] = c.queries.map((q) => parse(q));
  const each = (fn: (doc: DocumentNode, i: number) => unknown) => () => {
    for (let i = 0; i < parsed.length; i++) fn(parsed[i], i);
  };
  const n = parsed.length;
  const base = time(each((_, i) => validate(schema, parse(c.queries[i])))) / n;
  const limited = time(each((doc) => findLimitViolation(schema, doc, limits))) / n;
  const estimated =
    time(each((doc, i) => estimator.estimate({ document: doc, variables: c.variables[i] }))) / n;
  const costs = parsed.map((doc, i) => estimator.estimate({ document: doc, variables: c.variables[i] }));
  const cost = n === 1 ? String(costs[0]) : `max ${Math.max(...costs)}`;
  const ratio = (base + limited + estimated) / (base + limited);
  // A document Apollo has seen: the same parsed document and variables, priced from the cache.
  const warm = time(each((doc, i) => limit.price(schema, doc, undefined, c.variables[i]))) / n;
  console.log(
    `| ${c.name} | ${fmt(base)} | ${fmt(limited)} | ${fmt(estimated)} | ${cost} | ${ratio.toFixed(3)} | ${fmt(warm)} |`,
  );
}

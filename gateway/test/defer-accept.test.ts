import { describe, expect, it } from 'vitest';
import { acceptsDefer } from '../src/defer/use-defer.js';

describe('which Accept headers get a multipart @defer answer', () => {
  it.each([
    ['Apollo Client 4 (Defer20220824Handler)', 'multipart/mixed;deferSpec=20220824,application/json', true],
    ['Apollo Client 3', 'multipart/mixed; deferSpec=20220824, application/json', true],
    [
      'deferSpec preferred by q',
      'multipart/mixed;incrementalSpec=v0.2;q=0.5, multipart/mixed;deferSpec=20220824',
      true,
    ],
    ['JSON only', 'application/json', false],
    ['no Accept', undefined, false],
    ['the graphql 17 alpha 9 format', 'multipart/mixed;incrementalSpec=v0.2,application/json', false],
    ['multipart without a spec', 'multipart/mixed', false],
    ['deferSpec refused by q=0', 'multipart/mixed;deferSpec=20220824;q=0, application/json', false],
  ])('%s', (_name, accept, expected) => {
    expect(acceptsDefer(accept)).toBe(expected);
  });
});

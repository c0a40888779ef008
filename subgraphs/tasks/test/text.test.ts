import { describe, expect, it } from 'vitest';
import { analyzeColumns, numericStats } from '../src/modules/runtime/research/column-stats.js';
import { hashtag, keywords, sentences, summarize, words } from '../src/modules/runtime/text.js';

describe('text and statistics helpers', () => {
  it('ranks keywords by damped frequency summed over texts', () => {
    expect(words("It's a well-known fact: Café’s menu!")).toEqual([
      "it's",
      'a',
      'well-known',
      'fact',
      "café's",
      'menu',
    ]);
    const single = keywords(['Solar solar solar panels. Panels need sun. The the the.'], 3);
    expect(single.map((k) => k.term)).toEqual(['solar', 'panels', 'sun']);
    expect(single[0]).toEqual({ term: 'solar', score: 1, count: 3 });
    // One text repeating a word five times weighs less than three texts using it once each.
    const many = keywords(['revenue '.repeat(5), 'quarterly report', 'quarterly report', 'report'], 3);
    expect(many.map((k) => k.term)).toEqual(['report', 'revenue', 'quarterly']);
  });

  it('splits sentences, summarises by keyword weight and makes hashtags', () => {
    expect(sentences('One. Two! Three? Four')).toEqual(['One.', 'Two!', 'Three?', 'Four']);
    const text = 'Cats sleep a lot. Dogs bark. Cats groom cats daily. Weather is mild.';
    expect(summarize(text, 2)).toEqual(['Cats sleep a lot.', 'Cats groom cats daily.']);
    expect(hashtag('machine learning')).toBe('#MachineLearning');
    expect(hashtag("don't-panic")).toBe('#DontPanic');
  });

  it('computes column statistics the way a person would read a table', () => {
    expect(numericStats([1, 2, 3, 4])).toEqual({ min: 1, max: 4, mean: 2.5, median: 2.5, stddev: 1.290994 });
    const [mixed, empty] = analyzeColumns([{ a: '1', b: '' }, { a: 'x' }, { a: 2.5, b: null }]);
    expect(mixed).toMatchObject({
      name: 'a',
      type: 'mixed',
      types: { integer: 1, string: 1, number: 1 },
      missing: 0,
    });
    expect(empty).toMatchObject({ name: 'b', type: 'empty', missing: 3, count: 0 });
  });
});

import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { oneOf, optionalText, parseInput, requiredText } from '../src/validation.js';

function refusal(fn: () => unknown): { message: string; code: unknown; field: unknown } {
  try {
    fn();
  } catch (err) {
    const e = err as GraphQLError;
    return { message: e.message, code: e.extensions.code, field: e.extensions.field };
  }
  throw new Error('expected a refusal');
}

describe('parseInput', () => {
  const schema = z.object({ name: requiredText(5), note: optionalText(3), urls: z.array(z.url()) });

  it('returns the parsed value, trimmed and with blanks as null', () => {
    expect(parseInput(schema, { name: ' blog ', note: '  ', urls: [] })).toEqual({
      name: 'blog',
      note: null,
      urls: [],
    });
  });

  it('names the first bad field, under an optional prefix, as BAD_USER_INPUT', () => {
    expect(refusal(() => parseInput(schema, { name: '  ', urls: [] }))).toEqual({
      message: 'name: must not be empty',
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(refusal(() => parseInput(schema, { name: 'toolong', urls: [] }, 'input')).message).toBe(
      'input.name: must be at most 5 characters',
    );
    expect(refusal(() => parseInput(schema, { name: 'a', urls: ['nope'] }, 'input')).field).toBe(
      'input.urls.0',
    );
  });
});

describe('oneOf', () => {
  it('takes a value of the list and names the list when refusing', () => {
    const kind = oneOf(['POST', 'ARTICLE']);
    expect(parseInput(kind, 'POST', 'kind')).toBe('POST');
    expect(refusal(() => parseInput(kind, 'MEME', 'kind'))).toEqual({
      message: 'kind: must be one of POST, ARTICLE',
      code: 'BAD_USER_INPUT',
      field: 'kind',
    });
  });
});

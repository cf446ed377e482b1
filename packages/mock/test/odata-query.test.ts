import { describe, expect, it } from 'vitest';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, ODataQueryError, parseFilter } from '../src/api/odata-query';
import { SeededRandom } from '../src/model/seeded-random';

const nested = (depth: number) => `${'('.repeat(depth)}a eq 1${')'.repeat(depth)}`;

function queryError(text: string): string {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ODataQueryError);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${text.slice(0, 40)}`);
}

describe('$filter limits', () => {
  it(`parses nesting up to ${MAX_FILTER_DEPTH} deep and refuses deeper, of parentheses or 'not'`, () => {
    expect(parseFilter(nested(MAX_FILTER_DEPTH))({ a: 1 })).toBe(true);
    expect(queryError(nested(MAX_FILTER_DEPTH + 1))).toMatch(`more than ${MAX_FILTER_DEPTH} deep`);
    expect(parseFilter(`${'not '.repeat(MAX_FILTER_DEPTH)}a eq 1`)({ a: 1 })).toBe(true);
    expect(queryError(`${'not '.repeat(MAX_FILTER_DEPTH + 1)}a eq 1`)).toMatch('deep');
    expect(queryError(`${'not ('.repeat(20)}a eq 1${')'.repeat(20)}`)).toMatch('deep');
  });

  it(`refuses an expression over ${MAX_FILTER_LENGTH} characters before reading it`, () => {
    expect(queryError(nested(100_000))).toMatch(`the limit is ${MAX_FILTER_LENGTH}`);
    const longest = `a eq '${'x'.repeat(MAX_FILTER_LENGTH - 7)}'`;
    expect(longest).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseFilter(longest)({ a: 'x' })).toBe(false);
  });

  it('evaluates a long flat list of terms without deep recursion', () => {
    const terms = Array.from({ length: 180 }, (_, index) => `a eq ${index}`);
    expect(terms.join(' or ').length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect(parseFilter(terms.join(' or '))({ a: 179 })).toBe(true);
    expect(parseFilter(terms.slice(0, 2).join(' and '))({ a: 0 })).toBe(false);
  });

  it('quotes at most 64 characters of the query in a message', () => {
    expect(queryError(`a ${'z'.repeat(500)} 1`)).toMatch(/unknown operator 'z{64}…'\.$/);
  });

  it('only ever throws ODataQueryError, whatever the input (seeded fuzz)', () => {
    const random = new SeededRandom(42);
    const pieces = [
      '(',
      ')',
      ',',
      "'",
      "''",
      ' ',
      'a',
      'eq',
      'and',
      'or',
      'not',
      'contains',
      '1',
      '-',
      '.',
      '/',
      '$',
    ];
    for (let round = 0; round < 3_000; round++) {
      const text = Array.from({ length: random.integer(0, 60) }, () => random.pick(pieces)).join('');
      try {
        parseFilter(text)({ a: 1 });
      } catch (error) {
        expect(error, text).toBeInstanceOf(ODataQueryError);
      }
    }
  });
});

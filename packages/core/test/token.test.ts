import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBearerTokenSyntax, MAX_TOKEN_LENGTH } from '../src/token/bearer-token-syntax';

const B64TOKEN_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';

describe('isBearerTokenSyntax', () => {
  it('accepts RFC 6750 b64tokens: JWTs, opaque tokens, trailing = padding', () => {
    const jwt =
      'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21tZC5leGFtcGxlIn0.c2lnbmF0dXJlLXZhbHVl';
    for (const token of [jwt, 'a', 'abc-._~+/', 'YWJj==', 'x=', 'A'.repeat(MAX_TOKEN_LENGTH)]) {
      expect(isBearerTokenSyntax(token), token.slice(0, 20)).toBe(true);
    }
  });

  it('refuses line breaks, NUL, spaces, empty, misplaced =, other characters, over-long and non-strings', () => {
    for (const value of [
      '',
      'abc\n',
      'abc\ndef',
      '\nabc',
      'abc\r',
      'ab\r\nX-Injected: 1',
      'ab\0c',
      'ab c',
      ' abc',
      'abc ',
      'ab\tc',
      '=abc',
      'ab=c',
      '=',
      'abc,def',
      'abc"',
      'é',
      'Bearer abc',
      'A'.repeat(MAX_TOKEN_LENGTH + 1),
      null,
      undefined,
      42,
      {},
      ['abc'],
    ]) {
      expect(isBearerTokenSyntax(value), JSON.stringify(value)?.slice(0, 20)).toBe(false);
    }
    expect(MAX_TOKEN_LENGTH).toBe(16_384);
  });

  it('agrees with the grammar on arbitrary strings', () => {
    const grammar = /^[A-Za-z0-9\-._~+/]+=*$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...B64TOKEN_CHARACTERS, '=', ' ', '\n', '\r', '\0', '"') }),
          fc.string({ unit: 'binary' }),
        ),
        (value) => {
          expect(isBearerTokenSyntax(value)).toBe(value.length <= MAX_TOKEN_LENGTH && grammar.test(value));
          if (isBearerTokenSyntax(value)) {
            expect(() => new Headers({ authorization: `Bearer ${value}` })).not.toThrow();
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

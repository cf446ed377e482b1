import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ECHOED_TEXT, oneLine, sentence } from '../src/text/one-line';

const PROPERTY = { seed: 42, numRuns: 300 } as const;

/** Whether a string holds an unpaired surrogate. */
const hasLoneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('oneLine', () => {
  it('turns CR, LF, NUL, tabs, control characters and line separators into one space', () => {
    expect(oneLine('a\r\nb')).toBe('a b');
    expect(oneLine('a\nb\rc')).toBe('a b c');
    expect(oneLine('a\0b')).toBe('a b');
    expect(oneLine('a\u2028b\u2029c')).toBe('a b c');
    expect(oneLine('a\tb\vc\fd')).toBe('a b c d');
    expect(oneLine('a\u0007\u001b[31mb')).toBe('a [31mb');
    expect(oneLine('a\u007f\u0085\u009fb')).toBe('a b');
    expect(oneLine('a \r\n\t \u0000 \u2028 b')).toBe('a b');
    expect(oneLine('a\u00a0\ufeffb')).toBe('a b');
    expect(oneLine('  \n padded \r\n ')).toBe('padded');
    expect(oneLine('')).toBe('');
  });

  it('replaces lone surrogates instead of throwing, and keeps pairs', () => {
    expect(oneLine('a\ud800b')).toBe('a\ufffdb');
    expect(oneLine('a\udfffb')).toBe('a\ufffdb');
    expect(oneLine('\udc00\ud800')).toBe('\ufffd\ufffd');
    expect(oneLine('ok 😀')).toBe('ok 😀');
    expect(() => encodeURIComponent(oneLine('x\ud800'))).not.toThrow();
  });

  it('cuts a longer text at max with …', () => {
    expect(MAX_ECHOED_TEXT).toBe(300);
    expect(oneLine('x'.repeat(300))).toBe('x'.repeat(300));
    expect(oneLine('x'.repeat(301))).toBe(`${'x'.repeat(300)}…`);
    expect(oneLine('abcdef', 3)).toBe('abc…');
    expect(oneLine('abc', 3)).toBe('abc');
    // The limit applies after the line breaks are folded.
    expect(oneLine('a\r\n\r\nb', 3)).toBe('a b');
  });

  it('never cuts a surrogate pair in two', () => {
    expect(oneLine('a😀b', 2)).toBe('a…');
    expect(oneLine('a😀b', 3)).toBe('a😀…');
    expect(oneLine('😀😀', 1)).toBe('…');
  });

  it('always gives one well-formed line of at most max characters and an ellipsis', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        fc.constantFrom('\r', '\n', '\0', '\u2028', '\u2029', ' ', '😀'),
      ),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 60 }), (input, max) => {
        const line = oneLine(input, max);
        expect(line).not.toMatch(/[\r\n\0\u2028\u2029]/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(hasLoneSurrogate(line)).toBe(false);
        expect(line.length).toBeLessThanOrEqual(max + 1);
        expect(line).not.toMatch(/\s\s/);
        expect(line).toBe(line.trim());
      }),
      PROPERTY,
    );
  });
});

describe('sentence', () => {
  it('ends a sentence with a period unless it already has an end', () => {
    expect(sentence('Token request failed')).toBe('Token request failed.');
    expect(sentence('Done.')).toBe('Done.');
    expect(sentence('Really?')).toBe('Really?');
    expect(sentence('Stop!')).toBe('Stop!');
    expect(sentence('cut…')).toBe('cut…');
    expect(sentence('')).toBe('.');
    expect(sentence('ends with a colon:')).toBe('ends with a colon:.');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRedactor,
  MIN_REDACTED_LENGTH,
  REDACTED,
  REDACTED_TEXT,
  redactDeep,
} from '../src/redaction/create-redactor';
import { secretSpellings } from '../src/redaction/secret-spellings';

const PROPERTY = { seed: 42, numRuns: 300 } as const;
const ENTRA_SECRET = 'abc8Q~x.Y_z-0123456789abcdefghijABCDEFGHIJ';

// ---- Spellings, built here independently of src/redaction/secret-spellings.ts ----

const hex2 = (code: number) => code.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (code: number) => code.toString(16).padStart(4, '0');

/** Percent escapes (also `%25XX`, encoded twice) with lower-case hex. */
const lowerHex = (text: string) => text.replace(/%(?:25)?[0-9A-Fa-f]{2}/g, (match) => match.toLowerCase());

/** What a secret looks like percent-encoded, by the encoders servers and proxies use. */
function percentSpellings(secret: string): Record<string, string> {
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const rfc3986 = uri.replace(/[!'()*]/g, (c) => `%${hex2(c.charCodeAt(0))}`);
  const strict = uri.replace(/[!'()*~]/g, (c) => `%${hex2(c.charCodeAt(0))}`);
  const singles: Record<string, string> = {
    encodeURIComponent: uri,
    'form (+ for space)': form,
    'form (%20 for space)': form.replace(/\+/g, '%20'),
    'RFC 3986 (Python quote, .NET EscapeDataString)': rfc3986,
    'RFC 3986 with + for space (Python quote_plus)': rfc3986.replace(/%20/g, '+'),
    'strict (every sub-delimiter escaped)': strict,
  };
  const all: Record<string, string> = {};
  for (const [name, single] of Object.entries(singles)) {
    all[name] = single;
    all[`${name}, lower-case hex`] = lowerHex(single);
    all[`${name}, encoded twice`] = encodeURIComponent(single);
    all[`${name}, lower-case hex, encoded twice`] = encodeURIComponent(lowerHex(single));
  }
  return all;
}

/** What a secret looks like inside a JSON string, by the serializers servers use. */
function jsonSpellings(secret: string): Record<string, string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const nonAscii = /[\u007f-\uffff]/g;
  const unicodeLower = json.replace(nonAscii, (c) => `\\u${hex4(c.charCodeAt(0))}`);
  return {
    'JSON.stringify': json,
    'JSON with \\/': json.replace(/\//g, '\\/'),
    'JSON with \\uxxxx': unicodeLower,
    'JSON with \\uXXXX': json.replace(nonAscii, (c) => `\\u${hex4(c.charCodeAt(0)).toUpperCase()}`),
    // PHP's json_encode by default: both.
    'JSON with \\/ and \\uxxxx': unicodeLower.replace(/\//g, '\\/'),
    // System.Text.Json's default encoder (Entra is .NET): HTML-sensitive characters escaped too.
    'JSON as .NET writes it': json.replace(
      /\\"|[&'+<>`]|[\u007f-\uffff]/g,
      (m) => `\\u${hex4(m.charCodeAt(m.length - 1)).toUpperCase()}`,
    ),
  };
}

function allSpellings(secret: string): Record<string, string> {
  return { raw: secret, ...percentSpellings(secret), ...jsonSpellings(secret) };
}

/**
 * Whether a spelling survived redaction intact. The output is cut at each `[REDACTED]`: text that
 * only spells the secret with the help of the marker's own characters (a secret `TED]x` followed by
 * `x`) is not a leak, and any other occurrence lies inside one piece.
 */
function survives(output: string, spelling: string, percent: boolean): boolean {
  return output
    .split(REDACTED)
    .some((piece) => piece.includes(spelling) || (percent && lowerHex(piece).includes(lowerHex(spelling))));
}

// ---- Arbitraries ----

const awkwardCharacter = fc.oneof(
  fc.constantFrom(
    ...'~ +/"\\%&=?#!\'()*<>`.:_-;,@$[]{}|^aZ09',
    'é',
    '€',
    '😀',
    '\u2028',
    '\u007f',
    '\u00a0',
    '\ufeff',
  ),
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
);

const entraCharacter = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~._-',
);

const secretArbitrary = fc.oneof(
  fc.string({ unit: 'binary', minLength: MIN_REDACTED_LENGTH, maxLength: 32 }),
  fc.string({ unit: 'grapheme', minLength: MIN_REDACTED_LENGTH, maxLength: 16 }),
  fc.string({ unit: awkwardCharacter, minLength: MIN_REDACTED_LENGTH, maxLength: 24 }),
  fc.string({ unit: entraCharacter, minLength: 40, maxLength: 40 }),
  fc.constant(ENTRA_SECRET),
);

const surroundingArbitrary = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 24 }),
  fc.string({ unit: awkwardCharacter, maxLength: 8 }),
  fc.constantFrom(
    '',
    'client_secret=',
    '&client_id=5b1e8f62',
    '{"error_description":"AADSTS7000215: Invalid client secret provided: ',
    '"}',
    '%',
    '%25',
    '\\',
    '+',
    '\n',
  ),
);

// ---- Tests ----

describe('createRedactor', () => {
  it('redacts every spelling of a secret, wherever it sits in a text', () => {
    fc.assert(
      fc.property(secretArbitrary, surroundingArbitrary, surroundingArbitrary, (secret, before, after) => {
        const redact = createRedactor([secret]);
        for (const [name, spelling] of Object.entries(allSpellings(secret))) {
          const output = redact(`${before}${spelling}${after}`);
          const percent = name !== 'raw' && !name.startsWith('JSON');
          if (survives(output, spelling, percent)) {
            throw new Error(`the ${name} spelling survived: ${JSON.stringify(output)}`);
          }
          expect(output).toContain(REDACTED);
        }
      }),
      PROPERTY,
    );
  });

  it('redacts the realistic Entra secret in every spelling, leaving the rest of the text alone', () => {
    const redact = createRedactor([ENTRA_SECRET]);
    for (const [name, spelling] of Object.entries(allSpellings(ENTRA_SECRET))) {
      expect(redact(`client_secret=${spelling}&grant_type=x`), name).toBe(
        `client_secret=${REDACTED}&grant_type=x`,
      );
    }
    expect(redact(`a ${ENTRA_SECRET} b ${ENTRA_SECRET}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('redacts every occurrence of several secrets in one text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(secretArbitrary, { minLength: 2, maxLength: 4 }), (secrets) => {
        const redact = createRedactor([undefined, ...secrets]);
        const text = secrets.flatMap((secret) => Object.values(allSpellings(secret))).join(' | ');
        const output = redact(text);
        for (const secret of secrets) {
          for (const [name, spelling] of Object.entries(allSpellings(secret))) {
            const percent = name !== 'raw' && !name.startsWith('JSON');
            expect(survives(output, spelling, percent), `${name} of ${JSON.stringify(secret)}`).toBe(false);
          }
        }
      }),
      { ...PROPERTY, numRuns: 100 },
    );
  });

  it('leaves secrets shorter than the minimum alone', () => {
    expect(MIN_REDACTED_LENGTH).toBe(4);
    const redact = createRedactor(['abc', '', 'x', '~~~', undefined]);
    const text = 'abc x ~~~ %7E%7E%7E abcabc';
    expect(redact(text)).toBe(text);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3 }), fc.string(), (secret, text) => {
        fc.pre(secret.length < MIN_REDACTED_LENGTH);
        expect(createRedactor([secret])(text)).toBe(text);
      }),
      PROPERTY,
    );
  });

  it('still redacts the long secrets next to short ones', () => {
    const redact = createRedactor(['abc', 'long-secret-value']);
    expect(redact('abc long-secret-value')).toBe(`abc ${REDACTED}`);
  });

  it('is the identity with no secrets, and leaves unrelated text untouched', () => {
    expect(createRedactor([])('anything at all')).toBe('anything at all');
    const redact = createRedactor([ENTRA_SECRET]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
        fc.pre(!text.includes(ENTRA_SECRET));
        expect(redact(text)).toBe(text);
      }),
      PROPERTY,
    );
  });

  it('does not throw on a secret holding a lone surrogate, and redacts it raw, JSON-escaped and as sent', () => {
    const secret = 'ab\ud800cd-\udfffxyz';
    const redact = createRedactor([secret]);
    const asSent = 'ab\ufffdcd-\ufffdxyz';
    for (const text of [
      secret,
      JSON.stringify(secret),
      asSent,
      encodeURIComponent(asSent),
      new URLSearchParams({ s: secret }).toString(),
    ]) {
      expect(redact(`x ${text} y`)).toContain(REDACTED);
      expect(redact(`x ${text} y`)).not.toContain('cd-');
    }
  });

  it('redacts a secret echoed base64- or base64url-encoded, padded or not, of its UTF-8 or Latin-1 bytes', () => {
    const secrets = ['sup3r-s3cret-value~', 'héllo wörld secret', 'a+b/c?d>e~f', '日本語の秘密'];
    for (const secret of secrets) {
      const redact = createRedactor([secret]);
      const utf8 = Buffer.from(secret, 'utf8');
      const encodings = [
        utf8.toString('base64'),
        utf8.toString('base64url'),
        utf8.toString('base64').replace(/=+$/, ''),
        ...([...secret].every((character) => character.charCodeAt(0) <= 0xff)
          ? [Buffer.from(secret, 'latin1').toString('base64')]
          : []),
      ];
      for (const encoded of encodings) {
        for (const echoed of [encoded, encodeURIComponent(encoded), JSON.stringify(encoded).slice(1, -1)]) {
          const output = redact(`header: ${echoed}; end`);
          expect(output, `${secret} as ${echoed}`).not.toContain(echoed);
          expect(output).toContain(REDACTED);
          expect(output.startsWith('header: ')).toBe(true);
        }
      }
    }
  });

  it('redacts a secret inside an echoed base64 request body, at any alignment, raw or form-encoded', () => {
    const secret = 'abc8Q~Sup3rSecretValue.ZZ_0123456789';
    const redact = createRedactor([secret]);
    for (const prefix of [
      'client_id=x&client_secret=',
      'client_id=xy&client_secret=',
      'client_id=xyz&client_secret=',
    ]) {
      for (const body of [
        `${prefix}${secret}&scope=s`,
        `${prefix}${encodeURIComponent(secret).replace('~', '%7E')}&grant_type=c`,
      ]) {
        for (const encoded of [
          Buffer.from(body).toString('base64'),
          Buffer.from(body).toString('base64url'),
        ]) {
          const output = redact(`enc=${encoded}`);
          expect(output, body).toContain(REDACTED);
          const left = output
            .split(REDACTED)
            .map((part) => Buffer.from(part.replace(/^enc=/, ''), 'base64').toString('latin1'));
          for (const part of left) expect(part).not.toContain('Sup3rSecret');
        }
      }
    }
  });

  it('redacts a secret echoed as hex digits, or with HTML character references', () => {
    const secret = 'abc8Q~Sup3rSecretValue-xyz.0123456789';
    const redact = createRedactor([secret]);
    const hex = Buffer.from(secret).toString('hex');
    for (const echoed of [hex, hex.toUpperCase()]) {
      const output = redact(`dump: ${echoed} end`);
      expect(output).not.toContain(echoed);
      expect(output).toBe(`dump: ${REDACTED} end`);
    }
    for (const echoed of [
      secret.replace('~', '&#126;'),
      secret.replace('~', '&#x7E;'),
      secret.replace('~', '&tilde;'),
      [...secret].map((character) => `&#${character.charCodeAt(0)};`).join(''),
    ]) {
      const output = redact(`<p>${echoed}</p>`);
      expect(output, echoed).not.toContain('Sup3rSecretValue');
      expect(output).not.toContain('&#83;&#117;&#112;');
    }
  });

  it('redacts the spellings an outside tester found: named references, references without `;`, separated hex, wrapped base64', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldA';
    const redact = createRedactor([token]);
    const base64 = Buffer.from(token).toString('base64');
    const hexPairs = [...Buffer.from(token)].map((byte) => byte.toString(16).padStart(2, '0'));
    for (const echoed of [
      token.replaceAll('.', '&period;'),
      token.replaceAll('_', '&lowbar;').replaceAll('.', '&period;'),
      [...token].map((character) => `&#${character.charCodeAt(0)}`).join(''),
      [...token].map((character) => `&#x${character.charCodeAt(0).toString(16)}`).join(''),
      hexPairs.join(':'),
      hexPairs.join(' ').toUpperCase(),
      hexPairs.join('-'),
      `${base64.slice(0, 76)}\r\n${base64.slice(76)}`,
      `${base64.slice(0, 60)}\n${base64.slice(60)}`,
      [...token].join(' '),
      [...token].join('\u200b'),
    ]) {
      const output = redact(`echo ${echoed} end`);
      // The signature is what makes the token: it never survives (the header alone may stay).
      expect(output, echoed).not.toMatch(/c2lnbmF0dXJl|ZXlKaGJH|65:79:4a:68|65 79 4A/);
      expect(output, echoed).toContain('[REDACTED');
    }
    // Innocent text with references and hex stays as it is.
    expect(redact('a &period; b, 65:79:4a and &#101 stay')).toBe('a &period; b, 65:79:4a and &#101 stay');
  });

  it('redacts what a second outside test found: prefixed and UTF-16 hex dumps, soft line breaks, fullwidth letters, a JWT without its header', () => {
    const token =
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LXVzZXIiLCJhdWQiOiJtbWQifQ.c2lnbmF0dXJlLWFiY2RlZjEyMzQ1Njc4OTA';
    const [, payload, signature] = token.split('.') as [string, string, string];
    const redact = createRedactor([token]);
    const bytes = [...Buffer.from(token)].map((byte) => byte.toString(16).padStart(2, '0'));
    for (const echoed of [
      bytes.map((pair) => `0x${pair}`).join(' '),
      bytes.map((pair) => `0x${pair}`).join(', '),
      bytes.map((pair) => `\\x${pair}`).join(''),
      [...token].map((character) => character.charCodeAt(0).toString(16).padStart(4, '0')).join(' '),
      token.replace(/(.{20})/g, '$1=\r\n'),
      [...token].map((character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0)).join(''),
      `${payload}.${signature}`,
      signature,
    ]) {
      const output = redact(`The token ${echoed} is not valid.`);
      expect(output, echoed).not.toContain(signature.slice(4, 24));
      expect(output, echoed).not.toMatch(/0x65 0x79 0x4a|\\x65\\x79|0065 0079/);
    }
    // Other hex, entities and another JWT's header stay as they are.
    const innocent =
      'MAC 00:1a:2b:3c:4d:5e:6f:70, 0x00 0x01 0x02 0x03 0x04 0x05 0x06 0x07, header eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9';
    expect(redact(innocent)).toBe(innocent);
  });

  it('keeps its thresholds with the base64 spellings: a short secret is still left alone', () => {
    const redact = createRedactor(['abc']);
    expect(redact(`abc ${Buffer.from('abc').toString('base64')}`)).toBe('abc YWJj');
  });

  it('passes a non-string through untouched', () => {
    const redact = createRedactor([ENTRA_SECRET]);
    expect(redact(42 as unknown as string)).toBe(42);
  });
});

describe('secretSpellings', () => {
  it('has no duplicates and starts with the raw secret', () => {
    fc.assert(
      fc.property(secretArbitrary, (secret) => {
        const spellings = secretSpellings(secret);
        expect(spellings[0]).toBe(secret);
        expect(new Set(spellings).size).toBe(spellings.length);
      }),
      PROPERTY,
    );
  });

  it('includes the common wire spellings', () => {
    const secret = 'a b+c/d~é"';
    const spellings = secretSpellings(secret);
    expect(spellings).toContain(encodeURIComponent(secret));
    expect(spellings).toContain(new URLSearchParams({ s: secret }).toString().slice(2));
    expect(spellings).toContain(JSON.stringify(secret).slice(1, -1));
    expect(spellings).toContain(encodeURIComponent(encodeURIComponent(secret)));
  });

  it('includes the base64 and base64url spellings of the secret', () => {
    const secret = 'c3VwM3Itc2VjcmV0?>~';
    const spellings = secretSpellings(secret);
    expect(spellings).toContain(Buffer.from(secret).toString('base64'));
    expect(spellings).toContain(Buffer.from(secret).toString('base64url'));
  });
});

describe('redactDeep', () => {
  const secret = 'super-secret-value';
  const redact = createRedactor([secret]);

  /** Every string inside a value, keys included. */
  function strings(value: unknown, seen = new Set<unknown>()): string[] {
    if (typeof value === 'string') return [value];
    if (value === null || typeof value !== 'object' || seen.has(value)) return [];
    seen.add(value);
    return Object.entries(value).flatMap(([key, entry]) => [key, ...strings(entry, seen)]);
  }

  it('scrubs strings in nested objects and arrays, and keys, without touching the input', () => {
    const input = {
      message: `failed with ${secret}`,
      count: 3,
      ok: false,
      nothing: null,
      missing: undefined,
      list: ['fine', `x${encodeURIComponent(secret)}y`, [{ deeper: secret }]],
      [`header-${secret}`]: 'value',
      nested: { body: JSON.stringify({ client_secret: secret }) },
    };
    const before = structuredClone(input);
    const output = redactDeep(input, redact);
    expect(input).toEqual(before);
    expect(output).not.toBe(input);
    expect(output.count).toBe(3);
    expect(output.ok).toBe(false);
    expect(output.nothing).toBeNull();
    expect(output.list[0]).toBe('fine');
    expect(output.message).toBe(`failed with ${REDACTED}`);
    expect(output.list[2]).toEqual([{ deeper: REDACTED }]);
    expect(Object.keys(output)).toContain(`header-${REDACTED}`);
    for (const text of strings(output)) expect(text).not.toContain(secret);
    expect(JSON.stringify(output)).not.toContain(secret);
  });

  it('scrubs a bare string and passes other primitives through', () => {
    expect(redactDeep(`a ${secret}`, redact)).toBe(`a ${REDACTED}`);
    expect(redactDeep(7, redact)).toBe(7);
    expect(redactDeep(undefined, redact)).toBeUndefined();
  });

  it('never returns an unscrubbed string, even nested deeper than its depth limit', () => {
    for (const depth of [31, 32, 33, 34, 40, 200]) {
      let object: unknown = { leaf: secret, [secret]: [secret] };
      let array: unknown = [secret];
      for (let level = 0; level < depth; level += 1) {
        object = { [`k${level}`]: object, text: secret, [secret]: level };
        array = [array, secret];
      }
      for (const text of strings(redactDeep(object, redact))) expect(text).not.toContain(secret);
      for (const text of strings(redactDeep(array, redact))) expect(text).not.toContain(secret);
      expect(JSON.stringify(redactDeep({ object, array }, redact))).not.toContain(secret);
    }
  });

  it('ends on a cyclic value', () => {
    const cyclic: Record<string, unknown> = { text: secret };
    cyclic.self = cyclic;
    const output = redactDeep(cyclic, redact);
    for (const text of strings(output)) expect(text).not.toContain(secret);
  });

  it('leaves no secret in any JSON-like value', () => {
    const withSecrets = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(secret, `x${secret}x`, encodeURIComponent(secret), 'plain'),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', secret, `k-${secret}`), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(withSecrets, (value) => {
        for (const text of strings(redactDeep(value, redact))) expect(text).not.toContain(secret);
      }),
      PROPERTY,
    );
  });
});

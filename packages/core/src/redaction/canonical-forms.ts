import { BREAKS } from '../text/one-line';

const JSON_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function decodePercentRuns(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function decodeJsonEscapes(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|[bfnrt"\\/])/g, (_, sequence: string) =>
    sequence.length === 5
      ? String.fromCharCode(Number.parseInt(sequence.slice(1), 16))
      : (JSON_ESCAPES[sequence] ?? sequence),
  );
}

/** HTML's named references for the ASCII characters a secret or a token may hold. */
const HTML_NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  AMP: '&',
  lt: '<',
  LT: '<',
  gt: '>',
  GT: '>',
  quot: '"',
  QUOT: '"',
  apos: "'",
  tilde: '~',
  plus: '+',
  sol: '/',
  equals: '=',
  period: '.',
  lowbar: '_',
  UnderBar: '_',
  colon: ':',
  semi: ';',
  comma: ',',
  excl: '!',
  quest: '?',
  num: '#',
  dollar: '$',
  percnt: '%',
  ast: '*',
  midast: '*',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  lbrack: '[',
  rsqb: ']',
  rbrack: ']',
  lcub: '{',
  lbrace: '{',
  rcub: '}',
  rbrace: '}',
  verbar: '|',
  vert: '|',
  VerticalLine: '|',
  grave: '`',
  DiacriticalGrave: '`',
  Hat: '^',
  bsol: '\\',
  commat: '@',
  Tab: '\t',
  NewLine: '\n',
};

/**
 * HTML's character references, `&#126;`, `&#x7e;` (as browsers read them, also without the `;`)
 * and the named ones of the ASCII characters a secret has.
 */
function decodeHtmlReferences(text: string): string {
  return text.replace(
    /&(?:(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});?|([A-Za-z]{2,16});)/g,
    (whole, numeric: string | undefined, name: string | undefined) => {
      if (numeric === undefined) return HTML_NAMED[name ?? ''] ?? whole;
      const code =
        numeric[1] === 'x' || numeric[1] === 'X'
          ? Number.parseInt(numeric.slice(2), 16)
          : Number(numeric.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** A separator between hex bytes in a dump: `:`, `-`, `,` or `;` (spaces after it allowed), or spaces. */
const HEX_SEPARATOR = String.raw`(?:[,;:\-]\s*|\s+)`;
/** Eight or more hex bytes with separators (`65:79:4a`, `65 79 4a`, `65, 79, 4a`): a dump's spelling. */
const SEPARATED_HEX = new RegExp(String.raw`\b[0-9A-Fa-f]{2}(?:${HEX_SEPARATOR}[0-9A-Fa-f]{2}){7,}\b`, 'g');
/** Eight or more hex bytes written as `0x65` or `\x65`, separated or not. */
const PREFIXED_HEX = /(?:(?:0[xX]|\\x)[0-9A-Fa-f]{2}[\s,;:]*){8,}/g;
/** Eight or more UTF-16 code units as four hex digits with separators (`0065 0079 004a`). */
const SEPARATED_UTF16_HEX = new RegExp(
  String.raw`\b[0-9A-Fa-f]{4}(?:${HEX_SEPARATOR}[0-9A-Fa-f]{4}){7,}\b`,
  'g',
);

/** The text a run of hex bytes spells, read as UTF-8 (`0x` and `\x` prefixes and separators skipped). */
function textOfHexBytes(run: string): string {
  const pairs = run.replace(/0[xX]|\\x/g, ' ').match(/[0-9A-Fa-f]{2}/g) ?? [];
  return new TextDecoder().decode(Uint8Array.from(pairs, (pair) => Number.parseInt(pair, 16)));
}

/** Hex dumps read as the text they spell (UTF-8 bytes, or UTF-16 code units). */
function decodeHexDumps(text: string): string {
  return text
    .replace(SEPARATED_UTF16_HEX, (run) =>
      (run.match(/[0-9A-Fa-f]{4}/g) ?? [])
        .map((unit) => String.fromCharCode(Number.parseInt(unit, 16)))
        .join(''),
    )
    .replace(PREFIXED_HEX, textOfHexBytes)
    .replace(SEPARATED_HEX, textOfHexBytes);
}

/** Quoted-printable's soft line breaks (`=` at a line's end), which may split a secret anywhere. */
const SOFT_BREAKS = /=\r?\n/g;

/** Whitespace, controls and the invisible characters that may split a secret: none of them count. */
const INVISIBLE = new RegExp(`${BREAKS.source}|[\\u00ad\\u200b-\\u200f\\u2060\\ufeff]+`, 'g');

/**
 * What a text says once it is NFKC-normalized (fullwidth letters), quoted-printable soft breaks and
 * hex dumps are read and every layer of percent-, JSON- and HTML-escaping is undone (up to four),
 * without whitespace or invisible characters (a line-wrapped base64 echo, a spaced-out secret) and
 * in lower case: two forms, one reading `+` as a space (form encoding) and
 * one not. A secret found in these was echoed in a spelling no pattern foresaw.
 */
export function canonicalForms(text: string): [string, string] {
  let decoded = decodeHexDumps(text.normalize('NFKC').replace(SOFT_BREAKS, ''));
  let formDecoded = decoded;
  for (let layer = 0; layer < 4; layer++) {
    const next = decodeHtmlReferences(decodeJsonEscapes(decodePercentRuns(decoded)));
    const nextForm = decodeHtmlReferences(
      decodeJsonEscapes(decodePercentRuns(formDecoded.replace(/\+/g, ' '))),
    );
    if (next === decoded && nextForm === formDecoded) break;
    decoded = next;
    formDecoded = nextForm;
  }
  return [canonicalSecret(decoded), canonicalSecret(formDecoded)];
}

/** A secret as `canonicalForms` would show it: no whitespace or invisible character, lower case. */
export function canonicalSecret(secret: string): string {
  return secret.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

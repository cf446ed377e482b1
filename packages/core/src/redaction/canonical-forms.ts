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

const HTML_NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  tilde: '~',
  plus: '+',
  sol: '/',
  equals: '=',
};

/** HTML's character references, `&#126;`, `&#x7e;` and the few named ones a secret's characters have. */
function decodeHtmlReferences(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[a-z]{2,6});/g, (whole, reference: string) => {
    if (!reference.startsWith('#')) return HTML_NAMED[reference] ?? whole;
    const code =
      reference[1] === 'x' || reference[1] === 'X'
        ? Number.parseInt(reference.slice(2), 16)
        : Number(reference.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * What a text says once every layer of percent-, JSON- and HTML-escaping is undone (up to four), with
 * whitespace folded and letters in lower case: two forms, one reading `+` as a space (form
 * encoding) and one not. A secret found in these was echoed in a spelling no pattern foresaw.
 */
export function canonicalForms(text: string): [string, string] {
  let decoded = text;
  let formDecoded = text;
  for (let layer = 0; layer < 4; layer++) {
    const next = decodeHtmlReferences(decodeJsonEscapes(decodePercentRuns(decoded)));
    const nextForm = decodeHtmlReferences(
      decodeJsonEscapes(decodePercentRuns(formDecoded.replace(/\+/g, ' '))),
    );
    if (next === decoded && nextForm === formDecoded) break;
    decoded = next;
    formDecoded = nextForm;
  }
  const fold = (value: string) => value.replace(BREAKS, ' ').toLowerCase();
  return [fold(decoded), fold(formDecoded)];
}

/** A secret as `canonicalForms` would show it. */
export function canonicalSecret(secret: string): string {
  return secret.replace(BREAKS, ' ').toLowerCase();
}

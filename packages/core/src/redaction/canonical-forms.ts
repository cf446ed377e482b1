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

/**
 * What a text says once every layer of percent- and JSON-escaping is undone (up to four), with
 * whitespace folded and letters in lower case: two forms, one reading `+` as a space (form
 * encoding) and one not. A secret found in these was echoed in a spelling no pattern foresaw.
 */
export function canonicalForms(text: string): [string, string] {
  let decoded = text;
  let formDecoded = text;
  for (let layer = 0; layer < 4; layer++) {
    const next = decodeJsonEscapes(decodePercentRuns(decoded));
    const nextForm = decodeJsonEscapes(decodePercentRuns(formDecoded.replace(/\+/g, ' ')));
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

import { canonicalForms, canonicalSecret } from './canonical-forms';
import { base64Spellings, embeddedBase64Spellings, hexSpellings, secretSpellings } from './secret-spellings';

export const REDACTED = '[REDACTED]';

/** What replaces a whole text that holds a secret in a spelling no pattern matched. */
export const REDACTED_TEXT = '[REDACTED: the text held a secret in an unusual spelling]';

/** Shorter secrets are not searched case-insensitively in decoded text: they would match innocent words. */
const MIN_CANONICAL_LENGTH = 8;

/** Values shorter than this are not scrubbed: they would redact innocent text and protect nothing. */
export const MIN_REDACTED_LENGTH = 4;

/** Replaces every spelling of a set of secrets in a text with `[REDACTED]`. */
export type Redactor = (text: string) => string;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function caseless(hex: string): string {
  return [...hex].map((digit) => `[${digit.toUpperCase()}${digit.toLowerCase()}]`).join('');
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/** What no percent or JSON encoder escapes (RFC 3986 `unreserved` but `~`): it stands for itself. */
const NEVER_ESCAPED = /^[A-Za-z0-9\-._]$/;

/**
 * One character of a secret in every form an encoder may give it: itself, percent-encoded (UTF-8,
 * either case, also encoded twice), as JSON's `\uXXXX` (either case) or short escape (`\"`, `\\`,
 * `\n`…), `/` also as `\/`, a space also as form encoding's `+` (and `%2B` once that is encoded). A
 * lone surrogate is also matched as U+FFFD, which is what goes on the wire in its place.
 */
function characterPattern(character: string): string {
  if (NEVER_ESCAPED.test(character)) return escapeRegExp(character);
  const units = Array.from({ length: character.length }, (_, index) => character.charCodeAt(index));
  const alternatives = [
    escapeRegExp(character),
    // `TextEncoder` encodes a lone surrogate as U+FFFD, as `URLSearchParams` and fetch send it.
    [...new TextEncoder().encode(character)].map((byte) => `%(?:25)?${caseless(hex(byte, 2))}`).join(''),
    units.map((unit) => `\\\\u${caseless(hex(unit, 4))}`).join(''),
  ];
  const short = JSON.stringify(character).slice(1, -1);
  if (short !== character && !short.startsWith('\\u')) alternatives.push(escapeRegExp(short));
  if (character === '/') alternatives.push('\\\\/');
  if (character === ' ') alternatives.push('\\+', '%(?:25)?2[Bb]');
  if (character.length === 1 && /[\uD800-\uDFFF]/.test(character)) {
    alternatives.push('\\uFFFD', `\\\\u${caseless('fffd')}`);
  }
  return `(?:${alternatives.join('|')})`;
}

/**
 * The regular expression for a secret in any of its spellings, each character in any of its forms
 * and mixed: encoders each escape a different subset (Python's `quote` leaves `/` alone, Go's
 * `PathEscape` leaves `+` and `=`, Gson writes `=` as `\u003d`, .NET writes `+` as `\u002B`), so a
 * list of whole spellings (`secretSpellings`) would always miss one. Every spelling in that list
 * matches this one pattern.
 */
function pattern(secret: string): string {
  return [...secret].map(characterPattern).join('');
}

/**
 * A secret with more characters that need a group than this is matched by its whole spellings
 * instead: V8 cannot compile a sequence of some 4,000 groups ("Stack overflow"), and a redactor must
 * never throw (the error would quote the pattern, that is the secret). Tokens and secrets have a few.
 */
const MAX_ESCAPABLE_CHARACTERS = 1_000;

function escapableCount(secret: string): number {
  let count = 0;
  for (const character of secret) if (!NEVER_ESCAPED.test(character)) count += 1;
  return count;
}

/** The whole spellings of secrets, with lower-case percent escapes too, longest first. */
function literalSpellings(secrets: readonly string[]): string[] {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    for (const spelling of secretSpellings(secret)) {
      spellings.add(spelling);
      spellings.add(spelling.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase()));
    }
  }
  return [...spellings].sort((a, b) => b.length - a.length);
}

function replaceLiterals(text: string, spellings: readonly string[]): string {
  let output = text;
  for (const spelling of spellings) output = output.replaceAll(spelling, REDACTED);
  return output;
}

/** A JWT (three base64url parts) as its `payload.signature` and its signature alone; nothing for other secrets. */
function jwtSecretParts(secret: string): string[] {
  const parts = /^[\w-]+\.([\w-]+)\.([\w-]{16,})$/.exec(secret);
  return parts ? [`${parts[1]}.${parts[2]}`, parts[2] as string] : [];
}

/**
 * Builds one redactor for a set of secrets, compiled once: raw, percent-encoded, form-encoded,
 * JSON-escaped, base64(url)- and hex-encoded spellings, and mixtures of them, are all replaced. Longer secrets go first, so that
 * no part of one survives a shorter match. It never throws on a string.
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const kept = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_REDACTED_LENGTH) continue;
    kept.add(secret);
    // Echoed base64- or base64url-encoded (a header, a blob): each such spelling is scrubbed as a
    // secret of its own, so that its percent- and JSON-escaped forms are too.
    for (const spelling of base64Spellings(secret)) kept.add(spelling);
    // Echoed as hex digits (a dump of the request): a spelling of its own too.
    for (const spelling of hexSpellings(secret)) kept.add(spelling);
    // Inside a larger base64 text (an echoed request body), at any byte alignment.
    for (const spelling of embeddedBase64Spellings(secret)) kept.add(spelling);
    // A JWT's payload and signature make it again with the issuer's header, which every token of
    // that key shares: they are secrets of their own.
    for (const part of jwtSecretParts(secret)) kept.add(part);
  }
  if (kept.size === 0) return (text) => text;
  const sorted = [...kept].sort((a, b) => b.length - a.length);
  const flexible = sorted.filter((secret) => escapableCount(secret) <= MAX_ESCAPABLE_CHARACTERS);
  const literal = literalSpellings(sorted.filter((secret) => !flexible.includes(secret)));
  let matcher: RegExp | undefined;
  let fallback: string[] | undefined;
  try {
    matcher = flexible.length > 0 ? new RegExp(flexible.map(pattern).join('|'), 'g') : undefined;
  } catch {
    fallback = literalSpellings(flexible);
  }
  // Measured once canonical: a secret of blanks and controls has nothing left to look for.
  const canonicalSecrets = sorted
    .map(canonicalSecret)
    .filter((secret) => secret.length >= MIN_CANONICAL_LENGTH);
  const patterned = (text: string): string => {
    const output = replaceLiterals(text, literal);
    if (matcher !== undefined) {
      try {
        return output.replace(matcher, REDACTED);
      } catch {
        // Compiled lazily: a pattern V8 cannot compile fails here, on first use.
        matcher = undefined;
        fallback = literalSpellings(flexible);
      }
    }
    return fallback === undefined ? output : replaceLiterals(output, fallback);
  };
  return (text) => {
    if (typeof text !== 'string') return text;
    const output = patterned(text);
    if (canonicalSecrets.length === 0) return output;
    // Last line of defence: once decoded, folded and lower-cased, does the text still hold a secret
    // (one character encoded, every byte encoded, another case, line breaks for spaces)? Then none of it is kept.
    const forms = canonicalForms(output);
    return canonicalSecrets.some((secret) => forms.some((form) => form.includes(secret)))
      ? REDACTED_TEXT
      : output;
  };
}

/** Applies a redactor to every string inside a value (objects and arrays are copied). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  const scrub = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return redact(item);
    if (item === null || typeof item !== 'object') return item;
    if (depth > 32) return '[nested too deep]';
    if (Array.isArray(item)) return item.map((entry) => scrub(entry, depth + 1));
    return Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map(([key, entry]) => [
        redact(key),
        scrub(entry, depth + 1),
      ]),
    );
  };
  return scrub(value, 0) as T;
}

/**
 * A redactor for a set of secrets that may change (an assertion is new for every attempt), compiled
 * again only when the set does: building one compiles a large pattern.
 */
export function createRedactorMemo(): (secrets: Iterable<string | undefined>) => Redactor {
  let key: string | undefined;
  let redactor: Redactor = (text) => text;
  return (secrets) => {
    const values = [...secrets].filter((secret): secret is string => typeof secret === 'string');
    const next = values.join('\u0000');
    if (next !== key) {
      redactor = createRedactor(values);
      key = next;
    }
    return redactor;
  };
}

import { secretSpellings } from './secret-spellings';

export const REDACTED = '[REDACTED]';

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

/**
 * The regular expression for one spelling (escaped first), loosened where encoders differ:
 * percent escapes in either case and also encoded twice (`%7E`, `%7e`, `%257E`), `+` also as `%2B`,
 * `/` also as JSON's `\/`, and `\uXXXX` escapes in either case. Each pattern still matches its own
 * spelling; what else it matches is another spelling of the same secret.
 */
function pattern(spelling: string): string {
  return escapeRegExp(spelling).replace(
    /%(?:25)?([0-9A-Fa-f]{2})|\\\\u([0-9A-Fa-f]{4})|\\\+|\//g,
    (match, byte?: string, code?: string) => {
      if (byte !== undefined) return `%(?:25)?${caseless(byte)}`;
      if (code !== undefined) return `\\\\u${caseless(code)}`;
      if (match === '/') return '(?:\\\\)?/';
      return '(?:\\+|%(?:25)?2[Bb])';
    },
  );
}

/**
 * Builds one redactor for a set of secrets, compiled once: raw, percent-encoded, form-encoded and
 * JSON-escaped spellings are all replaced. Longer spellings go first, so that no part of one
 * survives a shorter match.
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_REDACTED_LENGTH) continue;
    for (const spelling of secretSpellings(secret)) spellings.add(spelling);
  }
  if (spellings.size === 0) return (text) => text;
  const sorted = [...spellings].sort((a, b) => b.length - a.length);
  const matcher = new RegExp(sorted.map(pattern).join('|'), 'g');
  return (text) => (typeof text === 'string' ? text.replace(matcher, REDACTED) : text);
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

/** Something with a `get(name)` for response headers: `Headers`, or a plain record through `headerGetter`. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

/** Reads a record of headers (lower-case names) as a `HeaderSource`. */
export function headerGetter(headers: Readonly<Record<string, string>>): HeaderSource {
  return { get: (name) => headers[name] };
}

// RFC 9110 §5.6.7: IMF-fixdate, then the obsolete RFC 850 and asctime forms. Anything else is not a
// date, however leniently `Date.parse` reads it (V8 takes `-5` or `soon 5` as dates in 2001).
const IMF_FIXDATE = /^[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/i;
const RFC_850_DATE = /^[a-z]{6,9}, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/i;
const ASCTIME_DATE = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

function httpDate(value: string): number {
  if (IMF_FIXDATE.test(value) || RFC_850_DATE.test(value)) return Date.parse(value);
  // asctime carries no zone, and is GMT; `Date.parse` would read it as local time.
  if (ASCTIME_DATE.test(value)) return Date.parse(`${value} GMT`);
  return Number.NaN;
}

function milliseconds(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/**
 * How long the server asked to wait, in milliseconds, capped at `cap`: `retry-after-ms` and
 * `x-ms-retry-after-ms` (milliseconds), else `Retry-After` (seconds or an HTTP date). `undefined`
 * when none holds a usable value.
 */
export function parseRetryAfter(headers: HeaderSource, cap: number, now = Date.now()): number | undefined {
  const exact =
    milliseconds(headers.get('retry-after-ms')) ?? milliseconds(headers.get('x-ms-retry-after-ms'));
  if (exact !== undefined) return Math.min(exact, cap);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = milliseconds(value);
  const delay = seconds !== undefined ? seconds * 1000 : httpDate(value) - now;
  // A number too large to hold is still a number: it is capped like any other long wait.
  if (Number.isNaN(delay)) return undefined;
  return Math.min(Math.max(delay, 0), cap);
}

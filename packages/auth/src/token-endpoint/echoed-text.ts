import { oneLine, type Redactor } from '@mmd-sdk/core';

/** A short code (an OAuth `error`, a `token_type`) that is safe to quote as it is. */
export const QUOTABLE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** A text the endpoint sent, fit for a message: secrets replaced, then cut to one line. */
export function echoed(value: unknown, redact: Redactor, max?: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Entra appends "\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …"; those are fields of their own.
  const [first = ''] = redact(value).split(/\r?\nTrace ID:/);
  const line = oneLine(first, max, redact);
  return line === '' ? undefined : line;
}

import { MmdConfigurationError } from '../errors/configuration-error';
import { describeValue } from './describe-value';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, spaces and tabs inside, as `Headers` accepts; no CR, LF or NUL.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function isHeaderName(name: unknown): name is string {
  return typeof name === 'string' && HEADER_NAME.test(name);
}

/** Checks a header value before it reaches `Headers`, whose own error would quote it. */
export function checkHeaderValue(value: unknown, option: string): string {
  if (typeof value !== 'string' || !HEADER_VALUE.test(value) || value.length > 8_192) {
    throw new MmdConfigurationError(
      option,
      `${option} must be a header value: a string of up to 8,192 printable characters, without line breaks (got ${typeof value === 'string' ? 'a string with characters a header cannot carry' : describeValue(value)}).`,
    );
  }
  return value;
}

/** Checks a record of extra headers: valid names and values, none of them in `refused` (lower case). */
export function checkHeaders(
  value: unknown,
  option: string,
  refused: readonly string[],
): Record<string, string> {
  if (value === undefined) return {};
  // `Headers` and `Map` hold their entries where `Object.entries` does not look: they would pass as `{}`.
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  ) {
    throw new MmdConfigurationError(
      option,
      `${option} must be a plain object of header names to strings (got ${value instanceof Headers ? 'a Headers instance' : value instanceof Map ? 'a Map' : describeValue(value)}).`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isHeaderName(name)) {
      throw new MmdConfigurationError(option, `${option} has a name that is not a valid header name.`);
    }
    if (refused.includes(name.toLowerCase())) {
      throw new MmdConfigurationError(
        `${option}.${name}`,
        `${option} must not set ${name}: the SDK sets it (the bearer token comes from the credential).`,
      );
    }
    headers[name] = checkHeaderValue(entry, `${option}.${name}`);
  }
  return headers;
}

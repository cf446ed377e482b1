import { MockConfigurationError } from './mock-configuration-error';

/** Names what was given without quoting a string (it may be a client secret): `-1`, `a string`, `null`… */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Like `describeValue`, for a value that failed a pattern: a non-empty string is `a string that is not one`. */
export function describeMismatch(value: unknown): string {
  return typeof value === 'string' && value !== '' ? 'a string that is not one' : describeValue(value);
}

/** A plain object (or `undefined`, read as `{}`); `null`, arrays and other values are refused. */
export function checkObject(value: unknown, option: string, fix: string): Record<string, unknown> {
  if (value === undefined) return {};
  return requireObject(value, option, fix);
}

/** A plain object that must be given, such as an entry of a list; anything else is refused. */
export function requireObject(value: unknown, option: string, fix: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MockConfigurationError(
      option,
      `${option} must be an object: ${fix}; got ${describeValue(value)}.`,
    );
  }
  return value as Record<string, unknown>;
}

/** Refuses keys that are not options here: a misspelt option would otherwise be ignored in silence. */
export function checkKnownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  option: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const path = /^[A-Za-z_$][\w$]{0,63}$/.test(key) ? `${option}.${key}` : `${option}[…]`;
      throw new MockConfigurationError(path, `${path} is not an option here; use ${allowed.join(', ')}.`);
    }
  }
}

/** An array (or `undefined`); anything else is refused. */
export function checkArray(value: unknown, option: string, fix: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new MockConfigurationError(
      option,
      `${option} must be an array: ${fix}; got ${describeValue(value)}.`,
    );
  }
  return value;
}

/** What `checkNumber` accepts. */
interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Said after the range, such as `(0 picks a free port)`. */
  readonly note?: string;
  /** Refuse `undefined` too. */
  readonly required?: boolean;
}

/** `undefined` (unless required), or a finite number in the rule's range (whole where the rule says so). */
export function checkNumber(value: unknown, option: string, rule: NumberRule): number | undefined {
  if (value === undefined && rule.required !== true) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < rule.min ||
    value > rule.max ||
    (rule.integer === true && !Number.isInteger(value))
  ) {
    const range = `from ${rule.min} to ${rule.max}`;
    throw new MockConfigurationError(
      option,
      `${option} must be ${rule.integer ? 'a whole number' : 'a number'} ${range}${rule.note ? ` ${rule.note}` : ''}; got ${describeValue(value)}.`,
    );
  }
  return value;
}

/** `undefined` or a boolean. */
export function checkBoolean(value: unknown, option: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new MockConfigurationError(option, `${option} must be true or false; got ${describeValue(value)}.`);
}

/** What tells a good string from a bad one: a `RegExp`, or any object with a `test` method. */
interface StringPattern {
  test(value: string): boolean;
}

/** `undefined`, or a string that `pattern` accepts; `shape` says what one looks like. */
export function checkString(
  value: unknown,
  option: string,
  pattern: StringPattern,
  shape: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new MockConfigurationError(option, `${option} must be ${shape}; got ${describeMismatch(value)}.`);
  }
  return value;
}

/** Like `checkString`, for an option that must be given. */
export function requireString(value: unknown, option: string, pattern: StringPattern, shape: string): string {
  if (value === undefined) {
    throw new MockConfigurationError(option, `${option} is required: pass ${shape}.`);
  }
  return checkString(value, option, pattern, shape) as string;
}

import {
  type CheckStyle,
  checkKnownKeys,
  checkNumberInRange,
  describeValue,
  type RangeRule,
  requireObject,
} from '@mmd-sdk/core';
import { MockConfigurationError } from './mock-configuration-error';

/**
 * The mock's wording of the core's checks: `MockConfigurationError`, numbers named as they are
 * (`got -1`; a number is no secret here), and `; got …` at the end of the sentence.
 */
export const MOCK_STYLE: CheckStyle = Object.freeze({
  error: MockConfigurationError,
  describe: (value: unknown) => (typeof value === 'number' ? String(value) : describeValue(value)),
  got: (given: string) => `; got ${given}.`,
});

/** Like `MOCK_STYLE.describe`, for a value that failed a pattern: a non-empty string is `a string that is not one`. */
export function describeMismatch(value: unknown): string {
  return typeof value === 'string' && value !== '' ? 'a string that is not one' : MOCK_STYLE.describe(value);
}

/** An array (or `undefined`); anything else is refused. */
export function checkArray(value: unknown, option: string, fix: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new MockConfigurationError(
      option,
      `${option} must be an array: ${fix}; got ${MOCK_STYLE.describe(value)}.`,
    );
  }
  return value;
}

/** What `checkNumber` accepts: the core's range rule, without the option's name. */
interface NumberRule extends Omit<RangeRule, 'option'> {
  readonly max: number;
  /** Refuse `undefined` too. */
  readonly required?: boolean;
}

/** `undefined` (unless required), or a finite number in the rule's range (whole where the rule says so). */
export function checkNumber(value: unknown, option: string, rule: NumberRule): number | undefined {
  if (value === undefined && rule.required !== true) return undefined;
  return checkNumberInRange(value, { ...rule, option }, MOCK_STYLE);
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

/** An entry of a list: an object of known keys only. */
export function requireEntry(
  value: unknown,
  option: string,
  fix: string,
  keys: readonly string[],
): Record<string, unknown> {
  const entry = requireObject(value, option, fix, MOCK_STYLE);
  checkKnownKeys(entry, keys, option, MOCK_STYLE);
  return entry;
}

import { oneLine } from '../text/one-line';
import { type CheckStyle, SDK_CHECK_STYLE } from './check-style';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A key's path below its option: `.key`, or `["key"]` quoted on one short line when it is no identifier. */
function keyPath(key: string): string {
  return IDENTIFIER.test(key) && key.length <= 64 ? `.${key}` : `[${JSON.stringify(oneLine(key, 64))}]`;
}

/**
 * A plain object (or `undefined`, read as `{}`); arrays, `null` and other values are refused. What
 * comes back is a copy of its own enumerable properties without a prototype: an option inherited
 * from a polluted `Object.prototype` (an `authorityHost`, a `fetch`) is never read, and a getter or
 * proxy that throws fails here, as this option's error.
 */
export function checkOptionsObject(
  value: unknown,
  option: string,
  fix: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): Record<string, unknown> {
  if (value === undefined) return Object.create(null) as Record<string, unknown>;
  return requireObject(value, option, fix, style);
}

/**
 * Like `checkOptionsObject` (the same arguments, the same copy), for an object that must be given,
 * such as an entry of a list: `undefined` is refused too.
 */
export const requireObject: typeof checkOptionsObject = (value, option, fix, style = SDK_CHECK_STYLE) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new style.error(option, `${option} must be an object: ${fix}${style.got(style.describe(value))}`);
  }
  try {
    return Object.assign(Object.create(null) as Record<string, unknown>, value);
  } catch (error) {
    throw new style.error(
      option,
      `${option} could not be read (${oneLine(error instanceof Error ? error.message : String(error), 120)}); pass a plain object.`,
    );
  }
};

/** Refuses keys the SDK does not know, which would otherwise be ignored or smuggled further. */
export function checkKnownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  option: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const path = `${option}${keyPath(key)}`;
      throw new style.error(
        path,
        `${path} is not an option here; ${allowed.length > 0 ? `use ${allowed.join(', ')}` : `pass no ${option}`}.`,
      );
    }
  }
}

/** A non-empty string, or a configuration error that says how to get one. */
export function checkNonEmptyString(
  value: unknown,
  option: string,
  fix: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new style.error(option, `${option} is required: ${fix}${style.got(style.describe(value))}`);
  }
  return value;
}

/** `undefined` or a function, such as a custom `fetch`. */
export function checkOptionalFunction<T>(
  value: unknown,
  option: string,
  shape: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new style.error(option, `${option} must be ${shape}${style.got(style.describe(value))}`);
  }
  return value as T;
}

/** `undefined` or an `AbortSignal` (from an `AbortController` or `AbortSignal.timeout`). */
export function checkOptionalSignal(
  value: unknown,
  option: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) {
    throw new style.error(
      option,
      `${option} must be an AbortSignal, such as new AbortController().signal${style.got(style.describe(value))}`,
    );
  }
  return value;
}

/** `undefined` or a boolean. */
export function checkOptionalBoolean(
  value: unknown,
  option: string,
  style: CheckStyle = SDK_CHECK_STYLE,
): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new style.error(option, `${option} must be true or false${style.got(style.describe(value))}`);
}

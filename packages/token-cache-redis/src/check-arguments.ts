import { describeValue, MAX_TIMER_MS, MmdConfigurationError } from '@mmd-sdk/core';

/** A store key: a non-empty string (the credential's cache key). */
export function checkKey(key: unknown, method: string): string {
  if (typeof key !== 'string' || key === '') {
    throw new MmdConfigurationError(
      'key',
      `${method}(key) needs the entry's key as a non-empty string (got ${describeValue(key)}).`,
    );
  }
  return key;
}

/** The value `set` stores: a string (the credential's encrypted entry). */
export function checkValue(value: unknown): string {
  if (typeof value !== 'string') {
    throw new MmdConfigurationError(
      'value',
      `set(key, value, expiresOnTimestamp) needs value as a string (got ${describeValue(value)}).`,
    );
  }
  return value;
}

/** A time since the epoch in milliseconds, such as `Date.now() + 3_600_000`. */
export function checkTimestamp(value: unknown, name: string, method: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MmdConfigurationError(
      name,
      `${method} needs ${name} as milliseconds since the epoch, such as Date.now() + 3600000 (got ${describeValue(value)}).`,
    );
  }
  return value;
}

/** A duration in whole milliseconds, `min` or more (fractions round up), at most what a timer honours. */
export function checkDuration(value: unknown, name: string, method: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    throw new MmdConfigurationError(
      name,
      `${method} needs ${name} as a number of milliseconds from ${min} to ${MAX_TIMER_MS} (got ${describeValue(value)}).`,
    );
  }
  return Math.ceil(value);
}

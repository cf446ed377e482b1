import { DEFAULT_MAX_RETRY_DELAY_MS } from '../retry/retry-limits';
import { checkNumber } from './check-number';

/** How long one attempt may take, how many follow, how long between them, and how much is read. */
export interface CallLimits {
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryDelay: number;
  readonly maxResponseBytes: number;
}

/** The defaults of a package, and the largest `maxResponseBytes` it accepts. */
export interface CallLimitDefaults {
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
  readonly maxResponseBytesCeiling: number;
}

/** Checks `timeout`, `maxRetries`, `maxRetryDelay` and `maxResponseBytes`, the limits both packages take. */
export function checkCallLimits(
  options: Partial<Record<keyof CallLimits, unknown>>,
  defaults: CallLimitDefaults,
): CallLimits {
  return {
    timeout: checkNumber(options.timeout, {
      option: 'timeout',
      fallback: defaults.timeout,
      min: 1,
      unit: 'milliseconds',
    }),
    maxRetries: checkNumber(options.maxRetries, {
      option: 'maxRetries',
      fallback: defaults.maxRetries,
      min: 0,
      max: 10,
      integer: true,
    }),
    maxRetryDelay: checkNumber(options.maxRetryDelay, {
      option: 'maxRetryDelay',
      fallback: DEFAULT_MAX_RETRY_DELAY_MS,
      min: 0,
      unit: 'milliseconds',
    }),
    maxResponseBytes: checkNumber(options.maxResponseBytes, {
      option: 'maxResponseBytes',
      fallback: defaults.maxResponseBytes,
      min: 1_024,
      max: defaults.maxResponseBytesCeiling,
      integer: true,
      unit: 'bytes',
    }),
  };
}

import type { AttemptFailure } from '../token-endpoint/attempt-failure';
import { type RetryDecision, standardRetry } from '../token-endpoint/retry-policy';
import type { TokenRequestOptions } from '../token-endpoint/token-request';

/**
 * The statuses a managed identity endpoint is asked again after, as MSAL Node's IMDS policy has it:
 * 404 (IMDS is updating, or the identity is being assigned), 408, 410 (IMDS is updating), 429 and any 5xx.
 */
export const MANAGED_IDENTITY_RETRYABLE_STATUSES: ReadonlySet<number> = new Set([
  404,
  408,
  410,
  429,
  ...Array.from({ length: 100 }, (_, index) => 500 + index),
]);

/** IMDS answers 410 while it updates, for up to 70 seconds: retried every 10 seconds, 7 times. */
export const GONE_RETRY_DELAY_MS = 10_000;
export const GONE_MAX_RETRIES = 7;

/**
 * When to ask a managed identity endpoint again: a 410 every 10 s (capped by `maxRetryDelay`), up
 * to 7 times, so about 70 s of waiting in all, as Microsoft documents for IMDS (unless
 * `maxRetries` is 0); anything else as Entra's rule (`maxRetries`, `Retry-After`, backoff).
 */
export function managedIdentityRetry(
  options: TokenRequestOptions,
): (failure: AttemptFailure, attempt: number) => RetryDecision | undefined {
  const standard = standardRetry(options);
  return (failure, attempt) => {
    if (failure.details.status !== 410 || options.maxRetries === 0) return standard(failure, attempt);
    if (attempt > GONE_MAX_RETRIES) return undefined;
    return { delay: Math.min(GONE_RETRY_DELAY_MS, options.maxRetryDelay), maxAttempts: GONE_MAX_RETRIES + 1 };
  };
}

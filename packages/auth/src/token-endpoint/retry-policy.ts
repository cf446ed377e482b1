import { backoffDelay } from '@mmd-sdk/core';
import type { AttemptFailure } from './attempt-failure';
import type { TokenRequestOptions } from './token-request';

/** Another attempt: after how long, and how many attempts the request may make in all. */
export interface RetryDecision {
  readonly delay: number;
  readonly maxAttempts: number;
}

/**
 * Entra's rule: a retryable failure (408, 429, 5xx, a timeout, a network error) is tried again up to
 * `maxRetries` times, after what `Retry-After` asks or a jittered backoff, never longer than
 * `maxRetryDelay`.
 */
export function standardRetry(
  options: TokenRequestOptions,
): (failure: AttemptFailure, attempt: number) => RetryDecision | undefined {
  return (failure, attempt) => {
    if (!failure.details.retryable || attempt > options.maxRetries) return undefined;
    return {
      delay: Math.min(
        failure.retryAfter ?? backoffDelay(attempt - 1, options.maxRetryDelay),
        options.maxRetryDelay,
      ),
      maxAttempts: options.maxRetries + 1,
    };
  };
}

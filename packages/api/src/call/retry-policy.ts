import { backoffDelay, headerGetter, type MmdError, parseRetryAfter } from '@mmd-sdk/core';
import {
  ConnectionError,
  MmdApiError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../errors/api-errors';

const IDEMPOTENT_RETRY_STATUSES = new Set([408, 500, 502, 503, 504]);

/**
 * Whether a failed call is worth another attempt:
 * - every method on 429, which the service answers before acting;
 * - every method but POST on 503 with `Retry-After` (the service says it did not act);
 * - GET also on 408, 500, 502, 503, 504, timeouts and connection errors.
 * A POST is never retried after a 5xx: the service may have created the ticket or request already.
 */
export function isRetryable(error: MmdError, method: string): boolean {
  if (!(error instanceof MmdApiError)) return false;
  if (error instanceof RateLimitError) return true;
  const { status } = error;
  if (
    status === 503 &&
    method !== 'POST' &&
    error instanceof ServerError &&
    error.headers['retry-after'] !== undefined
  ) {
    return true;
  }
  if (method !== 'GET') return false;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return status !== undefined && IDEMPOTENT_RETRY_STATUSES.has(status);
}

/**
 * How long to wait before retry number `retry` (0-based): what `Retry-After` (or `retry-after-ms`)
 * asks, else jittered exponential backoff; never longer than `maxRetryDelay`.
 */
export function retryDelay(error: MmdError, retry: number, maxRetryDelay: number): number {
  const headers = error instanceof MmdApiError ? error.headers : {};
  return parseRetryAfter(headerGetter(headers), maxRetryDelay) ?? backoffDelay(retry, maxRetryDelay);
}

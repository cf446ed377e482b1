import { ConnectionError, type MmdError, RateLimitError, ServerError, TimeoutError } from './errors';
import { parseRetryAfter } from './retry-after';

const IDEMPOTENT_RETRY_STATUSES = new Set([408, 500, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * Whether a failed call is worth another attempt:
 * - every method on 429, which the service answers before acting;
 * - every method but POST on 503 with `Retry-After` (the service says it did not act);
 * - GET also on 408, 500, 502, 503, 504, timeouts and connection errors.
 * A POST is never retried after a 5xx: the service may have created the ticket or request already.
 */
export function isRetryable(error: MmdError, method: string): boolean {
  if (error instanceof RateLimitError) return true;
  const status = (error as { status?: number }).status;
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

/** How long to wait before retry number `retry` (0-based): `Retry-After` when given, else jittered exponential backoff. */
export function retryDelay(error: MmdError, retry: number, random = Math.random): number {
  const headers = (error as { headers?: Record<string, string> }).headers;
  const retryAfter = parseRetryAfter(headers?.['retry-after']);
  if (retryAfter !== undefined) return retryAfter;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

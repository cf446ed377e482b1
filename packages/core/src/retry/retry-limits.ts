/** The longest wait before a retry, whatever `Retry-After` says, unless `maxRetryDelay` is lower. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;

/**
 * The longest a call with these limits can take: every attempt times out, and every retry waits the
 * longest it may.
 */
export function worstCaseMs(limits: { timeout: number; attempts: number; maxRetryDelay: number }): number {
  return limits.timeout * limits.attempts + limits.maxRetryDelay * Math.max(0, limits.attempts - 1);
}

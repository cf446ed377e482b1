const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * Exponential backoff with "equal jitter" before retry number `retry` (0-based): half of
 * `500 ms × 2^retry` (at most 8 s) fixed, half random, and never more than `cap`.
 */
export function backoffDelay(retry: number, cap: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.min(cap, ceiling / 2 + random() * (ceiling / 2));
}

const MAX_RETRY_AFTER_MS = 60_000;

/** Reads `Retry-After` (seconds or an HTTP date) in milliseconds, capped at 60 s; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const delay = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(delay)) return undefined;
  return Math.min(Math.max(delay, 0), MAX_RETRY_AFTER_MS);
}

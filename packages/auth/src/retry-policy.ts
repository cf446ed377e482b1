/** Statuses worth another attempt: the server may well answer differently in a moment. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Statuses whose answer has no body, whatever its headers say (fetch's null body statuses, 101 and 103 aside). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** Whether an answer of this status has no body. */
export function hasNoBody(status: number): boolean {
  return NULL_BODY_STATUSES.has(status);
}

/** Whether a `Response` can hold this status (200–599; HTTP's 1xx are interim answers). */
export function isKnownStatus(status: number): boolean {
  return status >= 200 && status <= 599;
}

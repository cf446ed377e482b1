import { createRedactor, describeCause, MmdError, sanitizeCause } from '@mmd-sdk/core';
import { AbortError, ConnectionError, MmdApiError, TimeoutError } from './api-errors';

/** What `normalizeError` needs to know about the attempt that failed. */
export interface FailureContext {
  readonly operation: string;
  /** The caller's signal: when it aborted, the call was aborted, whatever else happened. */
  readonly signal: AbortSignal | undefined;
  /** Whether the attempt's deadline ran out. */
  readonly timedOut: boolean;
  readonly timeout: number;
  readonly origin: string;
  /** The bearer token of the attempt, scrubbed from any message kept. */
  readonly token: string | undefined;
}

/**
 * Turns whatever an attempt threw into an `MmdError`: errors of the SDK pass through; the deadline,
 * an aborted signal and fetch's network failure get their own classes. Causes are kept only as
 * sanitized copies (ky's errors hold the Request, Authorization header included).
 */
export function normalizeError(error: unknown, context: FailureContext): MmdError {
  const { operation } = context;
  if (context.signal?.aborted) {
    return new AbortError(`${operation} was aborted.`, { operation });
  }
  // ky's own timeout (set to what is left of the deadline) may fire a moment before the deadline's.
  if (context.timedOut || (error instanceof Error && error.name === 'TimeoutError')) {
    return new TimeoutError(`${operation} failed: no complete answer within ${context.timeout} ms.`, {
      operation,
    });
  }
  if (error instanceof MmdError) return error;
  const redact = createRedactor([context.token]);
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError') return new AbortError(`${operation} was aborted.`, { operation });
  if (error instanceof TypeError) {
    return new ConnectionError(
      `${operation} failed: could not reach ${context.origin}: ${describeCause(error, redact)}.`,
      { operation },
      { cause: sanitizeCause(error, redact) },
    );
  }
  return new MmdApiError(
    `${operation} failed: ${describeCause(error, redact)}`,
    { operation },
    { cause: sanitizeCause(error, redact) },
  );
}

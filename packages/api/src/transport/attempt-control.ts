import type { Deadline } from '@mmd-sdk/core';

/** Filled while an attempt runs, so that its deadline can stop the request and the read of its answer. */
export interface AttemptReading {
  cancel?: () => void;
}

/** What the transport is told of the attempt it sends. */
export interface AttemptControl {
  /** The operation, for the errors the transport raises itself. */
  readonly operation: string;
  /** The attempt's deadline (it also ends when the caller's signal aborts). */
  readonly deadline: Deadline;
  /** The caller's signal, for a `fetch` other than the pool's. */
  readonly signal?: AbortSignal;
  /** Where the `fetch` puts how to stop this attempt's request and answer. */
  readonly reading: AttemptReading;
}

/**
 * The ky option an attempt's control travels in to the pool. ky hands every option it does not know
 * to `fetch` as its second argument, so the deadline reaches the pool without a signal (a signal
 * costs ky a combined signal, and each of its `Request` copies a listener) and without ky's timer.
 */
export const ATTEMPT_OPTION = 'mmdAttempt';

/** The attempt a `fetch` call belongs to, if the SDK sent it. */
export function attemptOf(init: RequestInit | undefined): AttemptControl | undefined {
  return (init as Record<string, AttemptControl | undefined> | undefined)?.[ATTEMPT_OPTION];
}

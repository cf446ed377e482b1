import { untilAborted } from './until-aborted';

/**
 * One attempt's time limit: a signal that aborts when the time is up or the caller's signal aborts,
 * and a `race` that settles a promise no later than that, even work that ignores the signal (a
 * callback that never returns).
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** The attempt's limit, in milliseconds. */
  readonly ms: number;
  /** Whether the time ran out (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Settles as `work` does, or rejects with the signal's reason once it aborts. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Stops the timer and detaches from the caller's signal; call it once the attempt is over. */
  clear(): void;
}

/** The reason a deadline's signal aborts with when its time runs out. */
export function isDeadlineReason(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'TimeoutError';
}

/** Starts a deadline of `ms` milliseconds that also ends when `outer` aborts. */
export function startDeadline(ms: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    // Once the caller's signal ended the attempt, a later tick is not a timeout.
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const onAbort = () => {
    clearTimeout(timer);
    controller.abort(outer?.reason);
  };
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const { signal } = controller;
  return {
    signal,
    ms,
    get timedOut() {
      return timedOut;
    },
    race: (work) => untilAborted(work, signal),
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

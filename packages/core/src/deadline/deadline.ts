/**
 * One attempt's time limit: a signal that aborts when the time is up or the caller's signal aborts,
 * and a `race` that settles a promise no later than that, even work that ignores the signal (a
 * callback that never returns).
 */
export interface Deadline {
  /**
   * Aborts when the deadline ends. Made on first use: a caller that only races its work (and bounds
   * its requests with the time `remaining`) never pays for an AbortController.
   */
  readonly signal: AbortSignal;
  /** The attempt's limit, in milliseconds. */
  readonly ms: number;
  /** Whether the time ran out (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Whether the deadline has ended, by time or by the caller's signal. */
  readonly ended: boolean;
  /** Milliseconds left, at least 1. */
  remaining(): number;
  /** Settles as `work` does, or rejects with the end's reason as soon as the deadline ends. */
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
  const startedAt = Date.now();
  let controller: AbortController | undefined;
  let timedOut = false;
  let endReason: { reason: unknown } | undefined;
  // The races running now, rejected when the deadline ends: no listener on a signal and no promise
  // of its own per deadline, which cost more than this on every call.
  let racing: ((reason: unknown) => void)[] = [];
  const finish = (reason: unknown) => {
    endReason = { reason };
    controller?.abort(reason);
    for (const reject of racing) reject(reason);
    racing = [];
  };
  const timer = setTimeout(() => {
    // Once the caller's signal ended the attempt, a later tick is not a timeout.
    if (endReason) return;
    timedOut = true;
    finish(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const onAbort = () => {
    clearTimeout(timer);
    finish(outer?.reason);
  };
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (endReason) controller.abort(endReason.reason);
      }
      return controller.signal;
    },
    ms,
    get timedOut() {
      return timedOut;
    },
    get ended() {
      return endReason !== undefined;
    },
    remaining: () => Math.max(1, ms - (Date.now() - startedAt)),
    race<T>(work: Promise<T>): Promise<T> {
      if (endReason) {
        work.catch(() => {});
        return Promise.reject(endReason.reason);
      }
      return new Promise<T>((resolve, reject) => {
        racing.push(reject);
        work.then(resolve, reject);
      });
    },
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

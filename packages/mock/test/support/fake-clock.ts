import { vi } from 'vitest';

/**
 * Runs `work` with `setTimeout` faked, moving the fake clock on `stepMs` at a time (letting real I/O
 * run between steps) until it settles. Returns how it settled and the fake milliseconds that passed:
 * a timer of N ms inside `work` cannot have fired before N fake milliseconds passed, however busy the
 * machine is, and no real time is waited for it.
 */
export async function withFakeClock<T>(
  work: () => Promise<T>,
  stepMs = 10,
): Promise<{ outcome: PromiseSettledResult<T>; elapsedMs: number }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let outcome: PromiseSettledResult<T> | undefined;
    work().then(
      (value) => {
        outcome = { status: 'fulfilled', value };
      },
      (reason: unknown) => {
        outcome = { status: 'rejected', reason };
      },
    );
    let elapsedMs = 0;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (outcome) return { outcome, elapsedMs };
      if (elapsedMs >= 60_000) throw new Error('the work did not settle within 60 s of fake time');
      await vi.advanceTimersByTimeAsync(stepMs);
      elapsedMs += stepMs;
    }
  } finally {
    vi.useRealTimers();
  }
}

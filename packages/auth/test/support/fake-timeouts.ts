import { onTestFinished, vi } from 'vitest';

/**
 * Fakes `setTimeout` and `clearTimeout` (and `Date` with `{ date: true }`) for the current test, so
 * that a deadline or a retry's wait costs no real time: the test moves the clock itself with
 * `vi.advanceTimersByTimeAsync`, once it has seen (a request arrive, a retry announced) that the
 * timer is set. msw, sockets and promises stay real.
 */
export function useFakeTimeouts(options: { date?: boolean } = {}): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', ...(options.date ? (['Date'] as const) : [])] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

/** Fakes `Date` alone for the current test, to move the clock past a token's refresh or expiry time. */
export function useFakeDate(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

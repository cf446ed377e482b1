import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDeadlineReason, startDeadline } from '../src/deadline/deadline';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const never = <T>() => new Promise<T>(() => {});

describe('startDeadline', () => {
  it('aborts its signal after ms with a TimeoutError, and says it timed out', () => {
    const deadline = startDeadline(5000);
    expect(deadline.ms).toBe(5000);
    vi.advanceTimersByTime(4999);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.timedOut).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut).toBe(true);
    const reason = deadline.signal.reason as unknown;
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
    expect((reason as DOMException).message).toContain('5000 ms');
    expect(isDeadlineReason(reason)).toBe(true);
    deadline.clear();
  });

  it("passes the caller's abort on, with its reason, without counting it as a timeout", () => {
    const outer = new AbortController();
    const deadline = startDeadline(5000, outer.signal);
    const reason = new Error('caller gave up');
    vi.advanceTimersByTime(1000);
    outer.abort(reason);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe(reason);
    expect(deadline.timedOut).toBe(false);
    expect(isDeadlineReason(deadline.signal.reason)).toBe(false);
    // The timer passing later does not turn the caller's abort into a timeout.
    vi.advanceTimersByTime(10_000);
    expect(deadline.timedOut).toBe(false);
    expect(deadline.signal.reason).toBe(reason);
    deadline.clear();
  });

  it('aborts at once for a signal that has already aborted', () => {
    const reason = new Error('already over');
    const deadline = startDeadline(5000, AbortSignal.abort(reason));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe(reason);
    expect(deadline.timedOut).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(deadline.timedOut).toBe(false);
    deadline.clear();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('race() rejects a promise that never settles at the deadline', async () => {
    const deadline = startDeadline(3000);
    let settled = false;
    const raced = deadline.race(never<string>()).finally(() => {
      settled = true;
    });
    const outcome = expect(raced).rejects.toSatisfy(isDeadlineReason);
    await vi.advanceTimersByTimeAsync(2999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(settled).toBe(true);
    expect(deadline.timedOut).toBe(true);
    deadline.clear();
  });

  it("race() rejects with the caller's reason when the caller aborts", async () => {
    const outer = new AbortController();
    const deadline = startDeadline(3000, outer.signal);
    const reason = new Error('stop');
    const outcome = expect(deadline.race(never())).rejects.toBe(reason);
    outer.abort(reason);
    await outcome;
    deadline.clear();
  });

  it('race() settles as the work does within the time', async () => {
    const deadline = startDeadline(3000);
    await expect(deadline.race(Promise.resolve('answer'))).resolves.toBe('answer');
    const failure = new Error('work failed');
    await expect(deadline.race(Promise.reject(failure))).rejects.toBe(failure);
    const later = new Promise<number>((resolve) => setTimeout(() => resolve(7), 1000));
    const raced = deadline.race(later);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(raced).resolves.toBe(7);
    deadline.clear();
  });

  it('race() rejects at once once the deadline has passed', async () => {
    const deadline = startDeadline(10);
    vi.advanceTimersByTime(10);
    let ran = false;
    const work = new Promise<void>((resolve) => {
      ran = true;
      resolve();
    });
    await expect(deadline.race(work)).rejects.toSatisfy(isDeadlineReason);
    expect(ran).toBe(true);
    // A late rejection of the work is swallowed (vitest fails the run on an unhandled rejection).
    await expect(deadline.race(Promise.reject(new Error('late')))).rejects.toSatisfy(isDeadlineReason);
    await vi.advanceTimersByTimeAsync(0);
  });

  it('clear() stops the timer and detaches from the caller', () => {
    const outer = new AbortController();
    const remove = vi.spyOn(outer.signal, 'removeEventListener');
    const deadline = startDeadline(5000, outer.signal);
    expect(vi.getTimerCount()).toBe(1);
    deadline.clear();
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    vi.advanceTimersByTime(10_000);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.timedOut).toBe(false);
    outer.abort(new Error('after the attempt'));
    expect(deadline.signal.aborted).toBe(false);
  });

  it('can be cleared twice, and without a caller signal', () => {
    const deadline = startDeadline(100);
    deadline.clear();
    deadline.clear();
    vi.advanceTimersByTime(1000);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('isDeadlineReason', () => {
  it('recognizes only a TimeoutError DOMException', () => {
    expect(isDeadlineReason(new DOMException('x', 'TimeoutError'))).toBe(true);
    expect(isDeadlineReason(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isDeadlineReason(new Error('TimeoutError'))).toBe(false);
    expect(isDeadlineReason({ name: 'TimeoutError' })).toBe(false);
    expect(isDeadlineReason(undefined)).toBe(false);
    expect(isDeadlineReason(new AbortController().signal.reason)).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../src/retry/backoff-delay';
import { headerGetter, parseRetryAfter } from '../src/retry/retry-after';
import { DEFAULT_MAX_RETRY_DELAY_MS, worstCaseMs } from '../src/retry/retry-limits';
import { sleep } from '../src/retry/sleep';

const CAP = 60_000;
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

function retryAfter(headers: Record<string, string>, cap = CAP, now = NOW): number | undefined {
  return parseRetryAfter(new Headers(headers), cap, now);
}

describe('parseRetryAfter', () => {
  it('reads retry-after-ms and x-ms-retry-after-ms as milliseconds, before Retry-After', () => {
    expect(retryAfter({ 'retry-after-ms': '1500' })).toBe(1500);
    expect(retryAfter({ 'x-ms-retry-after-ms': '250' })).toBe(250);
    expect(retryAfter({ 'retry-after-ms': '0' })).toBe(0);
    expect(retryAfter({ 'retry-after-ms': '12.5' })).toBe(12.5);
    expect(retryAfter({ 'retry-after-ms': ' 40 ' })).toBe(40);
    expect(retryAfter({ 'retry-after-ms': '100', 'x-ms-retry-after-ms': '200', 'retry-after': '3' })).toBe(
      100,
    );
    expect(retryAfter({ 'x-ms-retry-after-ms': '200', 'retry-after': '3' })).toBe(200);
  });

  it('falls through an unusable millisecond header', () => {
    expect(retryAfter({ 'retry-after-ms': 'soon', 'x-ms-retry-after-ms': '300' })).toBe(300);
    expect(retryAfter({ 'retry-after-ms': '-5', 'retry-after': '2' })).toBe(2000);
    expect(retryAfter({ 'retry-after-ms': '', 'retry-after': '1' })).toBe(1000);
  });

  it('reads Retry-After as seconds, fractions included', () => {
    expect(retryAfter({ 'retry-after': '0' })).toBe(0);
    expect(retryAfter({ 'retry-after': '1' })).toBe(1000);
    expect(retryAfter({ 'retry-after': '30' })).toBe(30_000);
    expect(retryAfter({ 'retry-after': '1.5' })).toBe(1500);
    expect(retryAfter({ 'retry-after': '0.25' })).toBe(250);
    expect(retryAfter({ 'retry-after': '  7  ' })).toBe(7000);
  });

  it('reads Retry-After as an HTTP date against the injected now', () => {
    const inTenSeconds = new Date(NOW + 10_000).toUTCString();
    expect(retryAfter({ 'retry-after': inTenSeconds })).toBe(10_000);
    expect(retryAfter({ 'retry-after': 'Wed, 15 Jan 2025 12:00:05 GMT' })).toBe(5000);
    // The obsolete forms RFC 9110 still asks recipients to read; asctime is GMT, not local time.
    expect(retryAfter({ 'retry-after': 'Wednesday, 15-Jan-25 12:00:03 GMT' })).toBe(3000);
    expect(retryAfter({ 'retry-after': 'Wed Jan 15 12:00:04 2025' })).toBe(4000);
    // The same date, read at another moment.
    expect(parseRetryAfter(headerGetter({ 'retry-after': inTenSeconds }), CAP, NOW + 4000)).toBe(6000);
  });

  it('reads the zoneless asctime form as GMT, whatever the local time zone', () => {
    vi.stubEnv('TZ', 'America/New_York');
    try {
      expect(new Date(NOW).getHours()).not.toBe(new Date(NOW).getUTCHours());
      expect(retryAfter({ 'retry-after': 'Wed Jan 15 12:00:04 2025' })).toBe(4000);
      expect(retryAfter({ 'retry-after': 'Wed Jan 15 12:00:05 GMT' })).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('gives 0 for a date in the past', () => {
    expect(retryAfter({ 'retry-after': new Date(NOW - 60_000).toUTCString() })).toBe(0);
    expect(retryAfter({ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' })).toBe(0);
    expect(retryAfter({ 'retry-after': new Date(NOW).toUTCString() })).toBe(0);
  });

  it('gives undefined for garbage, however leniently Date.parse would read it', () => {
    for (const value of [
      'soon',
      'later',
      '-5',
      '+5',
      '1e3',
      '5s',
      '0x10',
      'soon 5',
      'Retry 3',
      'later 2020',
      'a 1',
      'NaN',
      'Infinity',
      '1.',
      '.5',
      '2025-01-15T12:00:05Z',
      '',
      '   ',
    ]) {
      expect(retryAfter({ 'retry-after': value }), JSON.stringify(value)).toBeUndefined();
    }
    expect(retryAfter({})).toBeUndefined();
  });

  it('caps every kind of value at cap', () => {
    expect(retryAfter({ 'retry-after-ms': '90000' }, 5000)).toBe(5000);
    expect(retryAfter({ 'x-ms-retry-after-ms': '90000' }, 5000)).toBe(5000);
    expect(retryAfter({ 'retry-after': '3600' }, 5000)).toBe(5000);
    expect(retryAfter({ 'retry-after': new Date(NOW + 3_600_000).toUTCString() }, 5000)).toBe(5000);
    expect(retryAfter({ 'retry-after': '9'.repeat(400) }, 5000)).toBe(5000);
    expect(retryAfter({ 'retry-after-ms': '9'.repeat(400) }, 5000)).toBe(5000);
    expect(retryAfter({ 'retry-after': '2' }, 5000)).toBe(2000);
    expect(retryAfter({ 'retry-after': '2' }, 0)).toBe(0);
  });

  it('uses Date.now() when now is not given', () => {
    vi.useFakeTimers({ now: NOW });
    try {
      expect(parseRetryAfter(headerGetter({ 'retry-after': new Date(NOW + 2000).toUTCString() }), CAP)).toBe(
        2000,
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('headerGetter', () => {
  it('reads a record of lower-case headers', () => {
    const headers = headerGetter({ 'retry-after': '3', 'x-ms-retry-after-ms': '120' });
    expect(headers.get('retry-after')).toBe('3');
    expect(headers.get('retry-after-ms')).toBeUndefined();
    expect(parseRetryAfter(headers, CAP)).toBe(120);
    expect(parseRetryAfter(headerGetter({ 'retry-after': '3' }), CAP)).toBe(3000);
    expect(parseRetryAfter(headerGetter({}), CAP)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const ceilings = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 8000];

  it('stays within half and all of the exponential ceiling, for retries 0 to 10', () => {
    for (let retry = 0; retry <= 10; retry += 1) {
      const ceiling = ceilings[retry] ?? 8000;
      expect(
        backoffDelay(retry, CAP, () => 0),
        `retry ${retry}, random 0`,
      ).toBe(ceiling / 2);
      expect(
        backoffDelay(retry, CAP, () => 1),
        `retry ${retry}, random 1`,
      ).toBe(ceiling);
      expect(backoffDelay(retry, CAP, () => 0.5)).toBe((ceiling * 3) / 4);
      for (let sample = 0; sample < 50; sample += 1) {
        const delay = backoffDelay(retry, CAP);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never goes above cap', () => {
    for (let retry = 0; retry <= 10; retry += 1) {
      for (const cap of [0, 100, 300, 1000, 5000]) {
        expect(backoffDelay(retry, cap, () => 1)).toBeLessThanOrEqual(cap);
        expect(backoffDelay(retry, cap, () => 0)).toBeLessThanOrEqual(cap);
      }
    }
    expect(backoffDelay(10, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(1_000, CAP, () => 1)).toBe(8000);
  });
});

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after ms, not before', async () => {
    let done = false;
    const slept = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once for 0 ms, without a timer', async () => {
    const slept = sleep(0);
    expect(vi.getTimerCount()).toBe(0);
    await expect(slept).resolves.toBeUndefined();
    await expect(sleep(-5, new AbortController().signal)).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the signal's reason as soon as it aborts, and clears its timer", async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const slept = sleep(60_000, controller.signal);
    const outcome = expect(slept).rejects.toBe(reason);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once for an aborted signal, even for 0 ms', async () => {
    const reason = new Error('already over');
    await expect(sleep(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
    await expect(sleep(0, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('detaches from the signal once it resolves', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const slept = sleep(100, controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    await expect(slept).resolves.toBeUndefined();
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    controller.abort(new Error('late'));
  });
});

describe('worstCaseMs', () => {
  it('adds every attempt timing out and every retry waiting the longest', () => {
    expect(worstCaseMs({ timeout: 30_000, attempts: 3, maxRetryDelay: 60_000 })).toBe(210_000);
    expect(worstCaseMs({ timeout: 1000, attempts: 1, maxRetryDelay: 60_000 })).toBe(1000);
    expect(worstCaseMs({ timeout: 1000, attempts: 0, maxRetryDelay: 60_000 })).toBe(0);
    expect(worstCaseMs({ timeout: 0, attempts: 5, maxRetryDelay: 100 })).toBe(400);
    expect(worstCaseMs({ timeout: 10, attempts: 4, maxRetryDelay: DEFAULT_MAX_RETRY_DELAY_MS })).toBe(
      40 + 3 * 60_000,
    );
    expect(DEFAULT_MAX_RETRY_DELAY_MS).toBe(60_000);
  });
});

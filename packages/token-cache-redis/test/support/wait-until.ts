import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `check` every `intervalMs` until it returns a value other than `undefined` or `false`, and
 * returns it. `limitMs` only catches a hang: it is far above what the work needs on a busy machine,
 * and no test asserts on how long this took.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { intervalMs = 50, limitMs = 45_000 } = {},
): Promise<T> {
  const end = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      throw new Error(`waited ${limitMs} ms for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await delay(intervalMs);
  }
}

/** Whether `promise` settles before a sentinel of `limitMs` (far above the work: only catches a hang). */
export async function settlesWithin(promise: Promise<unknown>, limitMs = 30_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const sentinel = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  try {
    return await Promise.race([promise.then(() => true), sentinel]);
  } finally {
    clearTimeout(timer);
  }
}

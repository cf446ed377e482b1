/**
 * Counts events and tells when a count is reached: tests wait for "the second request arrived"
 * rather than for some time to pass, so they do not depend on the machine's speed.
 */
export function countdown(): { tick(): void; reached(count: number): Promise<void>; count(): number } {
  let count = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    tick() {
      count += 1;
      for (const waiter of waiters.filter((entry) => entry.count <= count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    reached(target) {
      if (count >= target) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count: target, resolve }));
    },
    count: () => count,
  };
}

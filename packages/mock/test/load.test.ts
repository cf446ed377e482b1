import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/server';
import { clientForServer } from './support/server-client';

const CALLS = 10_000;
const IN_FLIGHT = 64;
const WAVES = 4;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A fetch that keeps at most `limit` requests on the wire, as a connection pool would. */
function createPooledFetch(limit: number): typeof fetch {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (input, init) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fetch(input, init);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 5 });
});
afterAll(() => server.close());

describe('load', () => {
  it(`serves waves of ${CALLS.toLocaleString('en')} concurrent calls through one client with one token request, keeping nothing per call`, async () => {
    // A call's deadline starts before it waits for a pooled connection, and 10,000 of them queue: on
    // a busy machine the last ones wait longer than the default 30 s without anything being wrong.
    const mmd = clientForServer(server, {
      fetch: createPooledFetch(IN_FLIGHT),
      maxRetries: 0,
      timeout: 600_000,
    });
    // Heap after each wave, once its results are dropped. The first waves raise high-water marks
    // (connection pools, HTTP parser free lists, optimized code) on both sides of the loopback; a
    // leak would instead add the same amount with every wave (1 kB per call is 10 MB per wave).
    const heapAfterWave: number[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      const results = await Promise.allSettled(Array.from({ length: CALLS }, () => mmd.listProfiles()));
      const failures = results.filter((result) => result.status === 'rejected');
      expect(
        failures.map((failure) => String((failure as PromiseRejectedResult).reason)).slice(0, 3),
      ).toEqual([]);
      results.length = 0;
      // Several rounds: what a collection frees can hold more until finalizers (the WeakRefs that
      // AbortSignal.any leaves behind) have run on a later turn of the event loop.
      for (let round = 0; round < 5; round++) {
        collectGarbage();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      heapAfterWave.push(process.memoryUsage().heapUsed);
    }
    expect(server.model.stats.tokenRequests).toBe(1);
    expect(server.model.stats.apiRequests).toBe(WAVES * CALLS);
    const [, second = 0, third = 0, fourth = 0] = heapAfterWave;
    console.log(
      `heap after each wave: ${heapAfterWave.map((bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`).join(', ')}`,
    );
    // A leak of 1 kB per call puts the last wave 20 MB above the lower of the two before it; what a
    // busy machine has not finalized yet moves one wave up and the next down again.
    expect(fourth - Math.min(second, third)).toBeLessThan(8 * 1024 * 1024);
    // Only catches a hang: how long 30,000 calls take depends on the machine, not on the mock.
  }, 600_000);
});

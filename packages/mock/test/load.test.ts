import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ClientSecretCredential, createMmdClient } from '@mmd-sdk/mmd-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  type MockServer,
  startMockServer,
} from '../src/server';

const CALLS = 10_000;
const IN_FLIGHT = 256;

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
  it(`serves twice ${CALLS.toLocaleString('en')} concurrent calls through one client with one token request, keeping nothing per call`, async () => {
    const credential = new ClientSecretCredential({
      tenantId: MOCK_TENANT_ID,
      clientId: MOCK_CLIENT_ID,
      clientSecret: MOCK_CLIENT_SECRET,
      authorityHost: server.url,
    });
    const mmd = createMmdClient({
      credential,
      tenantId: MOCK_TENANT_ID,
      baseUrl: server.baseUrl,
      fetch: createPooledFetch(IN_FLIGHT),
      logLevel: 'off',
      maxRetries: 0,
    });
    // A first wave of the same size sets the high-water marks (connection pools, HTTP parser free
    // lists, compiled code) on both sides; the baseline is taken after it, so that what remains after
    // the measured wave is what that wave kept.
    await Promise.all(Array.from({ length: CALLS }, () => mmd.listProfiles()));
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;

    const results = await Promise.allSettled(Array.from({ length: CALLS }, () => mmd.listProfiles()));
    const failures = results.filter((result) => result.status === 'rejected');
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason)).slice(0, 3)).toEqual(
      [],
    );
    expect(server.model.stats.tokenRequests).toBe(1);
    expect(server.model.stats.apiRequests).toBe(2 * CALLS);

    results.length = 0;
    collectGarbage();
    const growth = process.memoryUsage().heapUsed - baseline;
    // Within 8 MB of the baseline once the results are dropped: nothing per call is kept (a leak of a
    // single kilobyte per call would show as 10 MB).
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});

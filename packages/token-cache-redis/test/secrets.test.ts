import { inspect } from 'node:util';
import type { RedisClientType } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tokenStoreError } from './support/expected-errors';
import { observedErrorCount } from './support/observed';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { entryValue, REDIS_PASSWORD } from './support/secrets';
import { createStores, uniqueKey } from './support/stores';
import { waitUntil } from './support/wait-until';

// Besides these tests' own checks, secret-scan.ts scans every error they caught (message, stack,
// JSON and util.inspect with hidden properties and causes) and every log line for the password and
// the stored values.
const HOUR = 3_600_000;
let server: RedisServer;
let admin: RedisClientType;
const stores = createStores();

beforeAll(async () => {
  server = await startRedisServer();
  admin = await server.admin();
});
afterEach(async () => {
  server.resume();
  await admin.configSet('maxmemory', '0');
  await stores.closeAll();
});
afterAll(() => {
  // Every test here made the store fail at least once: the scan had something to scan.
  expect(observedErrorCount()).toBeGreaterThan(0);
  return server?.stop();
});

const ENCODED = encodeURIComponent(REDIS_PASSWORD);

function expectNoSecret(text: string): void {
  expect(text).not.toContain(REDIS_PASSWORD);
  expect(text).not.toContain(ENCODED);
}

describe('secrets', () => {
  it('a wrong password in the url appears in no error, no log line and no inspection', async () => {
    const url = server.url.replace(ENCODED, encodeURIComponent(`wrong-${REDIS_PASSWORD}`));
    const store = stores.fromUrl(url, { commandTimeout: 500 });
    const error = await tokenStoreError(store.get(uniqueKey('wrong-password')));
    expectNoSecret(error.message);
    expectNoSecret(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    expectNoSecret(inspect(store, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    expectNoSecret(JSON.stringify(store));
    await waitUntil('the refused password to be logged', () =>
      stores.logger.lines.some((line) => /^warn: .*the Redis connection failed: WRONGPASS/.test(line)),
    );
    for (const line of stores.logger.lines) expectNoSecret(line);
  });

  it('the store and its locks inspect without the url, the password or the lock token', async () => {
    const fromUrl = stores.fromUrl(server.url);
    const fromClient = stores.fromClient(await stores.client(server.url));
    for (const store of [fromUrl, fromClient]) {
      const text = inspect(store, { depth: Number.POSITIVE_INFINITY, showHidden: true });
      expectNoSecret(text);
      expect(text).not.toContain('127.0.0.1');
      expect(text).toContain("keyPrefix: 'mmd-token'");
    }
    const key = uniqueKey('inspect');
    const lock = await fromUrl.lock(key, HOUR);
    const token = await admin.get(`{mmd-token:${key}}:lock`);
    expect(token).toBeTruthy();
    expect(inspect(lock, { showHidden: true })).not.toContain(token);
    await lock?.release();
    // A closed store's error inspects without them too.
    await fromUrl.close();
    expectNoSecret(inspect(await tokenStoreError(fromUrl.get(key)), { showHidden: true }));
  });

  it('a value Redis refuses (OOM) is not quoted in the error', async () => {
    const store = stores.fromUrl(server.url);
    await store.get(uniqueKey('warm'));
    await admin.configSet({ maxmemory: '1', 'maxmemory-policy': 'noeviction' });
    const value = entryValue(`oom-${'x'.repeat(64)}`);
    const error = await tokenStoreError(store.set(uniqueKey('oom'), value, Date.now() + HOUR));
    expect(error.failure).toBe('reply');
    expect(error.operation).toBe('set');
    expect(error.message).toMatch(/OOM/);
    expect(error.message).not.toContain(value);
    // The cause keeps node-redis's error name and message only: no command arguments.
    const cause = error.cause as Error;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe('SimpleError');
    expect(Object.keys(cause).filter((name) => name !== 'code' && name !== 'name')).toEqual([]);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(value);
  });

  it('a value whose write timed out is not quoted in the error or the logs', async () => {
    const store = stores.fromClient(await stores.client(server.url), { commandTimeout: 300 });
    await store.get(uniqueKey('warm'));
    server.pause();
    const value = entryValue(`timeout-${'y'.repeat(64)}`);
    const error = await tokenStoreError(store.set(uniqueKey('timeout'), value, Date.now() + HOUR));
    expect(error.failure).toBe('timeout');
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(value);
    for (const line of stores.logger.lines) expect(line).not.toContain(value);
  });
});

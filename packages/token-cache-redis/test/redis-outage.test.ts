import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisTokenStore, TokenStoreError } from '../src/index';
import { tokenStoreError } from './support/expected-errors';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { entryValue } from './support/secrets';
import { createStores, uniqueKey } from './support/stores';
import { settlesWithin, waitUntil } from './support/wait-until';

const HOUR = 3_600_000;
const COMMAND_TIMEOUT = 500;
/**
 * What a failing call may take beyond commandTimeout on a busy machine. Generous on purpose: the
 * point is that a call is bounded at all (without the bound, a client with an offline queue waits
 * for the server forever), not how fast it gives up.
 */
const SLACK = 20_000;

let server: RedisServer;
const stores = createStores();

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  server.resume();
  await stores.closeAll();
});
afterAll(() => server?.stop());

/** The `TokenStoreError` `call` fails with, and checks that it came within commandTimeout plus slack. */
async function boundedFailure(call: () => Promise<unknown>): Promise<TokenStoreError> {
  const started = Date.now();
  const error = await tokenStoreError(call());
  expect(Date.now() - started).toBeLessThan(COMMAND_TIMEOUT + SLACK);
  return error;
}

const kinds: Array<[string, () => Promise<RedisTokenStore>]> = [
  ['a store from a url', async () => stores.fromUrl(server.url, { commandTimeout: COMMAND_TIMEOUT })],
  [
    'a store over your client (offline queue on)',
    async () => stores.fromClient(await stores.client(server.url), { commandTimeout: COMMAND_TIMEOUT }),
  ],
];

describe.each(kinds)('Redis killed mid-run, %s', (_, makeStore) => {
  it('get, set and lock fail with TokenStoreError within commandTimeout, then work again after a restart', async () => {
    const store = await makeStore();
    const key = uniqueKey('outage');
    await store.set(key, entryValue('before'), Date.now() + HOUR);
    const held = await store.lock(`${key}-held`, HOUR);
    expect(held).toBeDefined();

    await server.kill();
    const failures = [
      await boundedFailure(() => store.get(key)),
      await boundedFailure(() => store.set(key, entryValue('during'), Date.now() + HOUR)),
      await boundedFailure(() => store.lock(key, HOUR)),
    ];
    expect(failures.map((error) => error.operation)).toEqual(['get', 'set', 'lock']);
    for (const error of failures) expect(['unavailable', 'timeout']).toContain(error.failure);
    // Neither of these ever rejects.
    await held?.release();
    expect(await settlesWithin(store.waitForWrite(key, 300))).toBe(true);

    await server.restart();
    // The client reconnects by itself; the restarted server is empty.
    await waitUntil(
      'the store to reach the restarted server',
      async () => (await store.get(key)) === undefined,
    );
    await store.set(key, entryValue('after'), Date.now() + HOUR);
    expect(await store.get(key)).toBe(entryValue('after'));
    const lock = await store.lock(key, HOUR);
    expect(lock).toBeDefined();
    await lock?.release();
  });
});

describe.each(kinds)('Redis hung (SIGSTOP), %s', (_, makeStore) => {
  it('calls fail with a timeout TokenStoreError, and work again once it answers', async () => {
    const store = await makeStore();
    const key = uniqueKey('hung');
    await store.set(key, entryValue('hung'), Date.now() + HOUR);
    server.pause();
    const failures = [
      await boundedFailure(() => store.get(key)),
      await boundedFailure(() => store.set(key, entryValue('hung-2'), Date.now() + HOUR)),
      await boundedFailure(() => store.lock(key, HOUR)),
    ];
    for (const error of failures) {
      expect(error.failure).toBe('timeout');
      expect(error.message).toContain(`within ${COMMAND_TIMEOUT} ms`);
    }
    server.resume();
    await waitUntil('the store to answer again', async () => (await store.get(key)) !== undefined);
  });
});

describe('a store that never reached Redis', () => {
  it('fails its calls with TokenStoreError within commandTimeout while nothing listens', async () => {
    await server.kill();
    try {
      const store = stores.fromUrl(server.url, { commandTimeout: COMMAND_TIMEOUT });
      const error = await boundedFailure(() => store.get(uniqueKey('never')));
      expect(['unavailable', 'timeout']).toContain(error.failure);
    } finally {
      await server.restart();
    }
  });
});

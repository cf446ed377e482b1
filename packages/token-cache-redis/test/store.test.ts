import { RESP_TYPES, type RedisClientType } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisTokenStore } from '../src/index';
import { keyNames } from '../src/key-names';
import { tokenStoreError } from './support/expected-errors';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { entryValue } from './support/secrets';
import { createStores, uniqueKey } from './support/stores';
import { settlesWithin, waitUntil } from './support/wait-until';

const HOUR = 3_600_000;
let server: RedisServer;
let admin: RedisClientType;
const stores = createStores();

beforeAll(async () => {
  server = await startRedisServer();
  admin = await server.admin();
});
afterEach(() => stores.closeAll());
afterAll(() => server?.stop());

/** The store kinds every behaviour holds for: one that owns its client (url), one over yours. */
const kinds: Array<[string, () => Promise<RedisTokenStore>]> = [
  ['a store from a url', async () => stores.fromUrl(server.url)],
  ['a store over your client', async () => stores.fromClient(await stores.client(server.url))],
];

const numsub = async (channel: string): Promise<number> => {
  const reply = (await admin.sendCommand(['PUBSUB', 'NUMSUB', channel])) as unknown[];
  return Number(reply[1]);
};

describe.each(kinds)('get and set, %s', (_, makeStore) => {
  it('get finds nothing under a key never written', async () => {
    const store = await makeStore();
    expect(await store.get(uniqueKey('never'))).toBeUndefined();
  });

  it('set stores the value under {prefix:key} until expiresOnTimestamp (PXAT), and get reads it', async () => {
    const store = await makeStore();
    const key = uniqueKey('set');
    const expiresOn = Date.now() + HOUR;
    await store.set(key, entryValue('set'), expiresOn);
    expect(await store.get(key)).toBe(entryValue('set'));
    const { entry } = keyNames('mmd-token', key);
    expect(await admin.get(entry)).toBe(entryValue('set'));
    expect(await admin.pExpireTime(entry)).toBe(expiresOn);
  });

  it('set overwrites the entry and its expiry', async () => {
    const store = await makeStore();
    const key = uniqueKey('overwrite');
    await store.set(key, entryValue('first'), Date.now() + HOUR);
    const expiresOn = Date.now() + 2 * HOUR;
    await store.set(key, entryValue('second'), expiresOn);
    expect(await store.get(key)).toBe(entryValue('second'));
    expect(await admin.pExpireTime(keyNames('mmd-token', key).entry)).toBe(expiresOn);
  });

  it('an entry that has already expired is not written, and leaves the current one alone', async () => {
    const store = await makeStore();
    const key = uniqueKey('expired');
    await store.set(key, entryValue('past'), Date.now() - 1_000);
    expect(await admin.exists(keyNames('mmd-token', key).entry)).toBe(0);
    await store.set(key, entryValue('current'), Date.now() + HOUR);
    await store.set(key, entryValue('past'), Date.now() - 1_000);
    expect(await store.get(key)).toBe(entryValue('current'));
  });

  it('an entry is gone once its expiry has passed', async () => {
    const store = await makeStore();
    const key = uniqueKey('short');
    await store.set(key, entryValue('short'), Date.now() + 300);
    // Polled: Redis drops it at the time it was given, however late this process looks.
    await waitUntil('the entry to expire', async () => (await store.get(key)) === undefined);
    expect(await admin.exists(keyNames('mmd-token', key).entry)).toBe(0);
  });
});

describe('keys and replies', () => {
  it('keyPrefix names the keys {<keyPrefix>:<key>}, so that apps sharing a Redis never read each other', async () => {
    const mine = stores.fromUrl(server.url, { keyPrefix: 'app-one' });
    const theirs = stores.fromUrl(server.url, { keyPrefix: 'app-two' });
    const key = uniqueKey('prefix');
    await mine.set(key, entryValue('mine'), Date.now() + HOUR);
    expect(await admin.get(`{app-one:${key}}`)).toBe(entryValue('mine'));
    expect(await theirs.get(key)).toBeUndefined();
  });

  it('reads strings through a client whose type mapping turns strings into Buffers', async () => {
    const client = await stores.client(server.url, {
      commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
    });
    const store = stores.fromClient(client);
    const key = uniqueKey('buffers');
    await store.set(key, entryValue('buffers'), Date.now() + HOUR);
    expect(await store.get(key)).toBe(entryValue('buffers'));
  });

  it('works over a RESP2 client', async () => {
    const store = stores.fromClient(await stores.client(server.url, { RESP: 2 }));
    const key = uniqueKey('resp2');
    await store.set(key, entryValue('resp2'), Date.now() + HOUR);
    expect(await store.get(key)).toBe(entryValue('resp2'));
    const lock = await store.lock(key, HOUR);
    expect(lock).toBeDefined();
    expect(await store.lock(key, HOUR)).toBeUndefined();
    await lock?.release();
  });
});

describe('lock', () => {
  it('is exclusive across clients: of two processes trying at once, exactly one gets each lock', async () => {
    const first = stores.fromUrl(server.url);
    const second = stores.fromClient(await stores.client(server.url));
    const keys = Array.from({ length: 20 }, (_, index) => uniqueKey(`race-${index}`));
    const results = await Promise.all(
      keys.map((key) => Promise.all([first.lock(key, HOUR), second.lock(key, HOUR)])),
    );
    for (const [a, b] of results) expect([a, b].filter(Boolean)).toHaveLength(1);
    // Once released, the other process can take it.
    const [[a, b] = []] = results;
    const [winner, loser] = a ? [a, second] : [b, first];
    expect(await loser.lock(keys[0] ?? '', HOUR)).toBeUndefined();
    await winner?.release();
    expect(await loser.lock(keys[0] ?? '', HOUR)).toBeDefined();
  });

  it('sets the lock with a PX ttl, as a random token', async () => {
    const store = stores.fromUrl(server.url);
    const key = uniqueKey('ttl');
    const lock = await store.lock(key, 60_000);
    expect(lock).toBeDefined();
    const lockKey = keyNames('mmd-token', key).lock;
    const pttl = await admin.pTTL(lockKey);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    const token = await admin.get(lockKey);
    expect(token).toMatch(/^[\w-]{24}$/);
    await lock?.release();
    expect(await admin.exists(lockKey)).toBe(0);
  });

  it('is released only by its holder: a holder whose lock expired cannot free the next holder’s', async () => {
    const late = stores.fromUrl(server.url);
    const next = stores.fromClient(await stores.client(server.url));
    const third = stores.fromUrl(server.url);
    const key = uniqueKey('holder');
    const expired = await late.lock(key, 200);
    expect(expired).toBeDefined();
    // The first holder is "slow": its lock expires, and the next process takes the lock.
    const current = await waitUntil('the expired lock to be taken', () => next.lock(key, HOUR));
    await expired?.release();
    expect(await admin.exists(keyNames('mmd-token', key).lock)).toBe(1);
    expect(await third.lock(key, HOUR)).toBeUndefined();
    await current.release();
    const mine = await third.lock(key, HOUR);
    expect(mine).toBeDefined();
    // Releasing twice is harmless, and never throws.
    await current.release();
    expect(await next.lock(key, HOUR)).toBeUndefined();
    await mine?.release();
    await mine?.release();
  });
});

describe('waitForWrite', () => {
  it('wakes on a set from another client while the lock holder is still holding', async () => {
    const holder = stores.fromUrl(server.url);
    const waiter = stores.fromClient(await stores.client(server.url));
    const key = uniqueKey('wake');
    const lock = await holder.lock(key, HOUR);
    expect(lock).toBeDefined();
    const { channel } = keyNames('mmd-token', key);
    const woken = waiter.waitForWrite(key, 10 * 60_000);
    await waitUntil('the waiter to subscribe', async () => (await numsub(channel)) === 1);
    await holder.set(key, entryValue('wake'), Date.now() + HOUR);
    // Its timeout is ten minutes and the lock is still held: only the message can have woken it.
    expect(await settlesWithin(woken)).toBe(true);
    expect(await waiter.get(key)).toBe(entryValue('wake'));
    await waitUntil('the last waiter to unsubscribe', async () => (await numsub(channel)) === 0);
    await lock?.release();
  });

  it('resolves at its timeout when nothing is written', async () => {
    const holder = stores.fromUrl(server.url);
    const waiter = stores.fromUrl(server.url);
    const key = uniqueKey('timeout');
    const lock = await holder.lock(key, HOUR);
    expect(await settlesWithin(waiter.waitForWrite(key, 300))).toBe(true);
    expect(await waiter.get(key)).toBeUndefined();
    await lock?.release();
  });

  it('resolves at once when, once subscribed, the lock is free (the write came before the subscription)', async () => {
    const writer = stores.fromUrl(server.url);
    const waiter = stores.fromUrl(server.url);
    const key = uniqueKey('early');
    await writer.set(key, entryValue('early'), Date.now() + HOUR);
    expect(await settlesWithin(waiter.waitForWrite(key, 10 * 60_000))).toBe(true);
    expect(await waiter.get(key)).toBe(entryValue('early'));
  });

  it('shares one subscriber connection among waiters, with one subscription per channel', async () => {
    const holder = stores.fromUrl(server.url);
    const waiter = stores.fromUrl(server.url);
    const [one, two] = [uniqueKey('shared-one'), uniqueKey('shared-two')];
    const locks = await Promise.all([holder.lock(one, HOUR), holder.lock(two, HOUR)]);
    const onOne = [1, 2, 3].map(() => waiter.waitForWrite(one, 10 * 60_000));
    const onTwo = [1, 2].map(() => waiter.waitForWrite(two, 10 * 60_000));
    const channels = [keyNames('mmd-token', one).channel, keyNames('mmd-token', two).channel];
    await waitUntil('both channels to be subscribed', async () => {
      const counts = await Promise.all(channels.map(numsub));
      return counts.every((count) => count === 1);
    });
    const clientList = String(await admin.sendCommand(['CLIENT', 'LIST']));
    const subscribers = clientList.split('\n').filter((line) => /\bsub=[1-9]/.test(line));
    expect(subscribers).toHaveLength(1);
    expect(subscribers[0]).toMatch(/\bsub=2\b/);

    await holder.set(one, entryValue('shared-one'), Date.now() + HOUR);
    expect(await settlesWithin(Promise.all(onOne))).toBe(true);
    await waitUntil('the first channel to be left', async () => (await numsub(channels[0] ?? '')) === 0);
    expect(await numsub(channels[1] ?? '')).toBe(1);
    await holder.set(two, entryValue('shared-two'), Date.now() + HOUR);
    expect(await settlesWithin(Promise.all(onTwo))).toBe(true);
    await Promise.all(locks.map((lock) => lock?.release()));
  });

  it('subscribes again for later waiters on a channel it left', async () => {
    const holder = stores.fromUrl(server.url);
    const waiter = stores.fromUrl(server.url);
    const key = uniqueKey('again');
    const { channel } = keyNames('mmd-token', key);
    const lock = await holder.lock(key, HOUR);
    for (let round = 1; round <= 3; round++) {
      const woken = waiter.waitForWrite(key, 10 * 60_000);
      await waitUntil('the waiter to subscribe', async () => (await numsub(channel)) === 1);
      await holder.set(key, entryValue(`again-${round}`), Date.now() + HOUR);
      expect(await settlesWithin(woken)).toBe(true);
      await waitUntil('the channel to be left', async () => (await numsub(channel)) === 0);
    }
    await lock?.release();
  });

  it('resolves at its timeout, without rejecting, when it cannot subscribe', async () => {
    // Nothing listens there: the subscriber never connects.
    const { port } = server;
    await server.kill();
    try {
      const store = stores.fromUrl(server.url, { commandTimeout: 200 });
      expect(await settlesWithin(store.waitForWrite(uniqueKey('unreachable'), 300))).toBe(true);
      await store.close();
    } finally {
      await server.restart();
      expect(server.port).toBe(port);
      await waitUntil('the admin client to reconnect', async () => (await admin.ping()) === 'PONG');
    }
  });
});

describe('close', () => {
  it('wakes the waiters, fails later calls with TokenStoreError, and leaves your client open', async () => {
    const client = await stores.client(server.url);
    const holder = stores.fromUrl(server.url);
    const store = stores.fromClient(client);
    const key = uniqueKey('close');
    const lock = await holder.lock(key, HOUR);
    const waiting = store.waitForWrite(key, 10 * 60_000);
    await waitUntil(
      'the waiter to subscribe',
      async () => (await numsub(keyNames('mmd-token', key).channel)) === 1,
    );
    await store.close();
    expect(await settlesWithin(waiting)).toBe(true);
    const error = await tokenStoreError(store.get(key));
    expect(error.failure).toBe('closed');
    expect(error.operation).toBe('get');
    expect(client.isOpen).toBe(true);
    expect(await client.ping()).toBe('PONG');
    await store.close();
    await lock?.release();
  });

  it('closes the client it created from url', async () => {
    const connections = async () =>
      String(await admin.sendCommand(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length;
    // Only the admin connection is left once the earlier tests' stores have gone.
    await waitUntil('the earlier connections to close', async () => (await connections()) === 1);
    const store = stores.fromUrl(server.url);
    await store.set(uniqueKey('owned'), entryValue('owned'), Date.now() + HOUR);
    expect(await connections()).toBe(2);
    await store.close();
    await waitUntil('its connection to close', async () => (await connections()) === 1);
  });
});

import type { RedisClientType } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyNames } from '../src/key-names';
import { spawnLockHolder } from './support/lock-holder-process';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { entryValue } from './support/secrets';
import { createStores, uniqueKey } from './support/stores';
import { waitUntil } from './support/wait-until';

let server: RedisServer;
let admin: RedisClientType;
const stores = createStores();

beforeAll(async () => {
  server = await startRedisServer();
  admin = await server.admin();
});
afterEach(() => stores.closeAll());
afterAll(() => server?.stop());

describe('a lock holder killed mid-fetch', () => {
  it('keeps the lock until its ttl ends, then another process takes it', async () => {
    const key = uniqueKey('killed');
    // Far above the few milliseconds between the child's lock and this process's first try.
    const ttlMs = 3_000;
    const lockKey = keyNames('mmd-token', key).lock;
    const holder = spawnLockHolder(server.url, key, ttlMs);
    try {
      expect(await holder.outcome).toBe('locked');
      // The lock always carries its ttl (-1 would be a lock without one, held forever by the dead;
      // -2, already expired, only on a machine slower than the ttl).
      const pttl = await admin.pTTL(lockKey);
      expect(pttl === -2 || (pttl > 0 && pttl <= ttlMs)).toBe(true);
      // Killed while "fetching": it never releases, as after a crash or an OOM kill.
      expect(await holder.kill()).toBe('SIGKILL');
    } finally {
      await holder.kill();
    }
    const store = stores.fromUrl(server.url);
    const lock = await waitUntil(
      'the dead holder’s lock to expire',
      async () => {
        const taken = await store.lock(key, 60_000);
        // Refused only while the dead holder's lock is still there.
        if (taken === undefined) expect(await admin.exists(lockKey)).toBe(1);
        return taken;
      },
      { intervalMs: 100 },
    );
    await store.set(key, entryValue('after-crash'), Date.now() + 60_000);
    await lock.release();
    expect(await admin.exists(lockKey)).toBe(0);
  });
});

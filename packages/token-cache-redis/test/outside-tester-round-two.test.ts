import type { RedisClientType } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyNames } from '../src/key-names';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { createStores, uniqueKey } from './support/stores';

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

const warnings = () => stores.logger.lines.filter((line) => line.startsWith('warn:'));

describe('findings of the second outside test', () => {
  it('declares its commandTimeout as the store call bound a credential must wait (finding 4)', () => {
    expect(stores.fromUrl(server.url, { commandTimeout: 2_500 }).timeout).toBe(2_500);
    expect(stores.fromUrl(server.url).timeout).toBe(1_000);
  });

  it('gives a lock key with no TTL (PTTL -1) the lock ttl once it finds it, and warns once (finding 3)', async () => {
    const store = stores.fromUrl(server.url);
    const key = uniqueKey('stuck');
    const { lock } = keyNames('mmd-token', key);
    await admin.set(lock, 'left-behind');
    const before = stores.logger.lines.length;
    expect(await store.lock(key, 5_000)).toBeUndefined();
    const ttl = await admin.pTTL(lock);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    // Taken over once that ttl ends: expire it now rather than wait.
    await admin.del(lock);
    const held = await store.lock(key, 5_000);
    expect(held).toBeDefined();
    await held?.release();
    // A second stuck lock: at debug level, no warning storm.
    await admin.set(lock, 'left-behind-again');
    expect(await store.lock(key, 5_000)).toBeUndefined();
    const added = warnings().filter((line) => stores.logger.lines.indexOf(line) >= before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/stuck lock/);
  });

  it('treats an entry key of the wrong type (WRONGTYPE) as missing, and the next set overwrites it (finding 6)', async () => {
    const store = stores.fromUrl(server.url);
    const key = uniqueKey('wrongtype');
    const { entry } = keyNames('mmd-token', key);
    await admin.hSet(entry, 'field', 'value');
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, 'sealed-entry-value', Date.now() + HOUR);
    expect(await store.get(key)).toBe('sealed-entry-value');
    expect(warnings().some((line) => /WRONGTYPE/.test(line))).toBe(true);
  });

  it('ignores an entry larger than 64 KiB (finding 6)', async () => {
    const store = stores.fromUrl(server.url);
    const key = uniqueKey('huge');
    await admin.set(keyNames('mmd-token', key).entry, 'x'.repeat(64 * 1024 + 1));
    expect(await store.get(key)).toBeUndefined();
  });
});

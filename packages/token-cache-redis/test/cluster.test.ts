import { createCluster, type RedisClientType, type RedisClusterType } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyNames } from '../src/key-names';
import { type RedisServer, startRedisServer } from './support/redis-server';
import { entryValue, REDIS_PASSWORD } from './support/secrets';
import { createStores, uniqueKey } from './support/stores';
import { settlesWithin, waitUntil } from './support/wait-until';

const HOUR = 3_600_000;
let server: RedisServer;
let admin: RedisClientType;
const clusters: RedisClusterType[] = [];
const stores = createStores();

beforeAll(async () => {
  // A one-node Redis Cluster holding all 16384 slots: the client routes by slot as on a real one.
  server = await startRedisServer({ cluster: true });
  admin = await server.admin();
});
afterEach(async () => {
  await stores.closeAll();
  for (const cluster of clusters.splice(0)) cluster.destroy();
});
afterAll(() => server?.stop());

async function connectedCluster(): Promise<RedisClusterType> {
  const cluster: RedisClusterType = createCluster({
    rootNodes: [{ url: server.url }],
    defaults: { password: REDIS_PASSWORD },
  });
  cluster.on('error', () => {});
  clusters.push(cluster);
  await cluster.connect();
  return cluster;
}

const slot = async (key: string) => Number(await admin.sendCommand(['CLUSTER', 'KEYSLOT', key]));

describe('Redis Cluster', () => {
  it.each([
    ['a plain key', 'tenant/client/scope'],
    ['a key holding braces', 'a{b}c}'],
    ['a key that is one long line', 'x'.repeat(500)],
  ])('puts the entry, its lock and its channel in one slot, for %s', async (_, key) => {
    const names = keyNames('mmd-token', key);
    const slots = await Promise.all([slot(names.entry), slot(names.lock), slot(names.channel)]);
    expect(new Set(slots).size).toBe(1);
    // The tag really decides: another key lands elsewhere (for these keys).
    expect(await slot(keyNames('mmd-token', `other-${key}`).entry)).not.toBe(slots[0]);
  });

  it('serves get, set, lock and release through createCluster', async () => {
    const store = stores.fromClient(await connectedCluster());
    const other = stores.fromClient(await connectedCluster());
    const key = uniqueKey('cluster');
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, entryValue('cluster'), Date.now() + HOUR);
    expect(await other.get(key)).toBe(entryValue('cluster'));
    const lock = await store.lock(key, HOUR);
    expect(lock).toBeDefined();
    expect(await other.lock(key, HOUR)).toBeUndefined();
    await lock?.release();
    const next = await other.lock(key, HOUR);
    expect(next).toBeDefined();
    await next?.release();
  });

  it('wakes a waiter on a write from another cluster client', async () => {
    const holder = stores.fromClient(await connectedCluster());
    const waiter = stores.fromClient(await connectedCluster());
    const key = uniqueKey('cluster-wake');
    const lock = await holder.lock(key, HOUR);
    const woken = waiter.waitForWrite(key, 10 * 60_000);
    const { channel } = keyNames('mmd-token', key);
    await waitUntil('the waiter to subscribe', async () => {
      const reply = (await admin.sendCommand(['PUBSUB', 'NUMSUB', channel])) as unknown[];
      return Number(reply[1]) === 1;
    });
    await holder.set(key, entryValue('cluster-wake'), Date.now() + HOUR);
    expect(await settlesWithin(woken)).toBe(true);
    expect(await waiter.get(key)).toBe(entryValue('cluster-wake'));
    await lock?.release();
  });
});

import { createClient, type RedisClientType } from '@redis/client';
import { createRedisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from '../../src/index';
import { createRecordingLogger, type RecordingLogger } from './recording-logger';

export interface Stores {
  /** A store that creates and owns its client from `url` (logging every line to `logger`). */
  fromUrl(url: string, options?: Omit<RedisTokenStoreOptions, 'url' | 'client'>): RedisTokenStore;
  /** A connected node-redis client the test owns (default options: offline queue on). */
  client(url: string, options?: Parameters<typeof createClient>[0]): Promise<RedisClientType>;
  /** A store over a client the test owns. */
  fromClient(
    client: RedisTokenStoreOptions['client'],
    options?: Omit<RedisTokenStoreOptions, 'url' | 'client'>,
  ): RedisTokenStore;
  readonly logger: RecordingLogger;
  /** Closes every store and client made here. */
  closeAll(): Promise<void>;
}

/** Makes stores and clients for one test file and closes them all afterwards. */
export function createStores(): Stores {
  const stores: RedisTokenStore[] = [];
  const clients: RedisClientType[] = [];
  const logger = createRecordingLogger();
  return {
    logger,
    fromUrl(url, options = {}) {
      const store = createRedisTokenStore({ url, logger, logLevel: 'debug', ...options });
      stores.push(store);
      return store;
    },
    async client(url, options = {}) {
      const client = createClient({ url, ...options }) as RedisClientType;
      client.on('error', () => {});
      clients.push(client);
      await client.connect();
      return client;
    },
    fromClient(client, options = {}) {
      const store = createRedisTokenStore({ client, logger, logLevel: 'debug', ...options });
      stores.push(store);
      return store;
    },
    async closeAll() {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      for (const client of clients.splice(0)) if (client.isOpen) client.destroy();
    },
  };
}

let sequence = 0;

/** A key no other test uses. */
export function uniqueKey(tag: string): string {
  sequence += 1;
  return `${tag}-${process.pid}-${sequence}`;
}

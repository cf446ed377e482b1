import type { Logger, LogLevel } from '@mmd-sdk/core';
import type { RedisStoreClient } from './redis-client-shape';

/** Options of `createRedisTokenStore`: `client` or `url`, the rest optional. */
export interface RedisTokenStoreOptions {
  /**
   * A node-redis client you create and own: `createClient(…)` or `createCluster(…)` from
   * `@redis/client` (or `redis`), connected or connecting (call `connect()` yourself). Use it to share
   * one connection with the rest of your app or to pass options a URL cannot (TLS certificates,
   * credentials providers, a cluster). The store never connects, quits or closes it; `close()` only
   * closes the subscriber connection the store duplicated from it. Give `client` or `url`, not both.
   */
  client?: RedisStoreClient;
  /**
   * A `redis://` or `rediss://` (TLS) URL, such as `redis://:password@cache.internal:6379/0`: the
   * store creates its own client, connects on first use and owns it (close it with `close()`). Its
   * password never appears in an error or a log line. Give `client` or `url`, not both.
   */
  url?: string;
  /**
   * The start of every key the store writes, so that several apps (or environments) can share one
   * Redis without reading each other's entries: entries are named `{<keyPrefix>:<key>}`.
   * No braces, spaces or control characters.
   * @default "mmd-token"
   */
  keyPrefix?: string;
  /**
   * The longest a store call (`get`, `set`, `lock`, a lock's `release`) waits for Redis, in
   * milliseconds, connecting included; then it fails with a `TokenStoreError`. A store is an
   * optimization: when Redis is slow or down, the credential should soon give up on it and ask Entra
   * directly, rather than hang its callers.
   * @default 1000
   */
  commandTimeout?: number;
  /**
   * Where to write what the store does (lost connections, a failed subscription). `console` fits; so
   * do pino and winston loggers. Lines never hold an entry or a password.
   * @default console
   */
  logger?: Logger;
  /**
   * The least severe lines written: `'off'`, `'error'`, `'warn'`, `'info'` or `'debug'`.
   * @default the MMD_LOG environment variable, else 'warn'
   */
  logLevel?: LogLevel;
}

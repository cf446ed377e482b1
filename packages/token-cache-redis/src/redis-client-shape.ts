/**
 * What the store uses of a node-redis client: the commands it sends and, for `waitForWrite`, a
 * duplicate connection to subscribe on. Structural on purpose: a client from `createClient()` or
 * `createCluster()` fits whatever its modules, RESP version or type mapping, and so does one from
 * another copy of `@redis/client` (the `redis` package's), whose classes TypeScript would otherwise
 * tell apart by their private fields.
 */

/** The commands the store sends, on a client with per-call options applied. */
export interface RedisStoreCommands {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX' | 'PXAT'; value: number }; condition?: 'NX' },
  ): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** The per-call options the store sets: a signal that drops a command still queued when its time is up, and the default reply types. */
export interface RedisStoreCommandOptions {
  abortSignal: AbortSignal;
  // biome-ignore lint/complexity/noBannedTypes: node-redis's own type for "no mapping" (the default string replies)
  typeMapping: {};
}

/** Called with each message on a channel; the store reads neither argument (a string or a Buffer). */
export type RedisMessageListener = (message: unknown, channel: unknown) => unknown;

/** The connection `waitForWrite` subscribes on: a duplicate of the client, owned by the store. */
export interface RedisSubscriberConnection {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: RedisMessageListener): Promise<unknown>;
  unsubscribe(channel: string, listener: RedisMessageListener): Promise<unknown>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  destroy(): unknown;
}

/**
 * A node-redis client (`createClient()`) or cluster client (`createCluster()`), connected or
 * connecting: the store sends GET, SET, PUBLISH and EVAL through it and subscribes on a duplicate.
 */
export interface RedisStoreClient {
  /** Whether `connect()` was called and the client not closed since. */
  readonly isOpen: boolean;
  withCommandOptions(options: RedisStoreCommandOptions): RedisStoreCommands;
  duplicate(): RedisSubscriberConnection;
}

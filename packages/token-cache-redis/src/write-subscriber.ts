import { describeCause, type LeveledLogger, type Redactor } from '@mmd-sdk/core';
import { watchConnection } from './connection-log';
import type { RedisMessageListener, RedisStoreClient, RedisSubscriberConnection } from './redis-client-shape';

/** The waiters on one channel and its subscription, shared by them. */
interface Channel {
  /** Each waiter's wake-up; called once, by a message, the timeout, the probe or `close()`. */
  readonly waiters: Set<() => void>;
  /** The listener registered for this channel (node-redis unsubscribes it by identity). */
  readonly listener: RedisMessageListener;
  /** True once SUBSCRIBE succeeded; false if it failed (the waiters then wake at their timeout). */
  readonly subscribed: Promise<boolean>;
}

/**
 * The store's subscriber: one connection duplicated from the client, made on the first wait and
 * shared by every waiter, with one SUBSCRIBE per channel however many wait on it (the last to leave
 * unsubscribes). A wait never fails: when the connection or the subscription cannot be had, it
 * simply lasts until its timeout, and the caller polls as it would without a subscriber.
 */
export class WriteSubscriber {
  readonly #client: RedisStoreClient;
  readonly #logger: LeveledLogger;
  readonly #redact: Redactor;
  readonly #channels = new Map<string, Channel>();
  #connection: RedisSubscriberConnection | undefined;
  #connecting: Promise<RedisSubscriberConnection> | undefined;
  #closed = false;

  constructor(client: RedisStoreClient, logger: LeveledLogger, redact: Redactor) {
    this.#client = client;
    this.#logger = logger;
    this.#redact = redact;
  }

  /** Channels with at least one waiter (for tests and inspection). */
  get channelCount(): number {
    return this.#channels.size;
  }

  /**
   * Resolves at the next message on `channel`, after `timeoutMs`, or at once when `close()` is
   * called. Once subscribed, `probe` is asked whether there is still something to wait for (a
   * write that landed before the subscription would otherwise go unseen); when it says no, this
   * wait resolves at once.
   */
  wait(channel: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let entry = this.#channels.get(channel);
      if (entry === undefined) {
        entry = this.#open(channel);
        this.#channels.set(channel, entry);
      }
      const current = entry;
      let settled = false;
      const wake = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        current.waiters.delete(wake);
        if (current.waiters.size === 0 && this.#channels.get(channel) === current) {
          this.#channels.delete(channel);
          void this.#leave(channel, current);
        }
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      current.waiters.add(wake);
      void current.subscribed.then(async (subscribed) => {
        if (!subscribed || settled) return;
        if (await probe().catch(() => false)) wake();
      });
    });
  }

  /** Wakes every waiter and drops the connection; waits made afterwards resolve at once. */
  async close(): Promise<void> {
    this.#closed = true;
    const entries = [...this.#channels.values()];
    this.#channels.clear();
    for (const entry of entries) for (const wake of [...entry.waiters]) wake();
    const connection = this.#connection;
    this.#connection = undefined;
    this.#connecting = undefined;
    try {
      connection?.destroy();
    } catch {
      // Already closed.
    }
  }

  #open(channel: string): Channel {
    const waiters = new Set<() => void>();
    const listener: RedisMessageListener = () => {
      for (const wake of [...waiters]) wake();
    };
    return { waiters, listener, subscribed: this.#subscribe(channel, listener) };
  }

  async #subscribe(channel: string, listener: RedisMessageListener): Promise<boolean> {
    try {
      const connection = await this.#connect();
      if (this.#closed) return false;
      await connection.subscribe(channel, listener);
      return !this.#closed;
    } catch (error) {
      if (!this.#closed) {
        this.#logger.warn(
          `could not subscribe to written-entry messages, so waiters on a lock holder poll until their timeout: ${describeCause(error, this.#redact)}`,
        );
      }
      return false;
    }
  }

  async #leave(channel: string, entry: Channel): Promise<void> {
    if (!(await entry.subscribed) || this.#closed) return;
    try {
      await this.#connection?.unsubscribe(channel, entry.listener);
    } catch (error) {
      this.#logger.debug(`could not unsubscribe from a channel: ${describeCause(error, this.#redact)}`);
    }
  }

  /** The subscriber connection, made on first use; forgotten when it fails, so the next wait tries again. */
  #connect(): Promise<RedisSubscriberConnection> {
    if (this.#connecting === undefined) {
      const connecting = (async () => {
        const connection = this.#client.duplicate();
        this.#connection = connection;
        watchConnection(
          connection,
          'the Redis subscriber connection',
          'waiters on a lock holder wake at their timeout',
          this.#logger,
          this.#redact,
        );
        await connection.connect();
        return connection;
      })();
      this.#connecting = connecting;
      connecting.catch(() => {
        if (this.#connecting !== connecting) return;
        this.#connecting = undefined;
        const connection = this.#connection;
        this.#connection = undefined;
        try {
          connection?.destroy();
        } catch {
          // Never connected.
        }
      });
    }
    return this.#connecting;
  }
}

import { randomBytes } from 'node:crypto';
import type { LeveledLogger, Redactor, TokenStore, TokenStoreLock } from '@mmd-sdk/core';
import { REDACTED, startDeadline } from '@mmd-sdk/core';
import { createClient } from '@redis/client';
import { checkDuration, checkKey, checkTimestamp, checkValue } from './check-arguments';
import { checkOptions } from './check-options';
import { type ConnectionWatch, watchConnection } from './connection-log';
import { keyNames } from './key-names';
import type { RedisStoreClient, RedisStoreCommands } from './redis-client-shape';
import type { RedisTokenStoreOptions } from './redis-token-store-options';
import { RELEASE_SCRIPT, STUCK_LOCK_SCRIPT } from './release-script';
import { TokenStoreError, type TokenStoreOperation, toTokenStoreError } from './token-store-error';
import { WriteSubscriber } from './write-subscriber';

/** The symbol `util.inspect` looks for, without importing `node:util`. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** An entry is a few KB at most: a larger value is not one of the store's, and is not read. */
const MAX_ENTRY_BYTES = 64 * 1024;

/** Whether Redis refused a command because the key holds another type (`WRONGTYPE`). */
function isWrongType(error: unknown): boolean {
  return error instanceof Error && /^WRONGTYPE\b/.test(error.message);
}

/** Values shorter than this are not scrubbed from error text: they would match innocent words. */
const MIN_SCRUBBED_VALUE_LENGTH = 8;

/**
 * A `TokenStore` kept in Redis: every method is bounded by `commandTimeout` and fails only with a
 * `TokenStoreError` (or an `MmdConfigurationError` for a malformed argument).
 */
export interface RedisTokenStore extends TokenStore {
  /**
   * The most each store call waits, connecting included: `commandTimeout`. A credential waits for
   * each store call at least this long (or its `cache.timeout`, when larger).
   */
  readonly timeout: number;
  /** GET of the entry: its value, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /**
   * SET with `PXAT expiresOnTimestamp`, so that Redis drops the entry when its token expires, then
   * PUBLISH on the entry's channel to wake the processes in `waitForWrite`. An entry that has already
   * expired is not written. A failed PUBLISH is logged, not thrown: the entry is stored, and waiters
   * wake at their timeout.
   */
  set(key: string, value: string, expiresOnTimestamp: number): Promise<void>;
  /**
   * `SET <lock> <random token> NX PX ttlMs`: the lock, when no other process holds it. Its `release`
   * deletes it only while it still holds this token (a holder whose lock expired cannot release the
   * next holder's), and never throws; a holder that dies loses it when `ttlMs` ends.
   */
  lock(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  /**
   * Resolves when the entry is next written (a message on its channel), after `timeoutMs`, or at
   * once if, once subscribed, the entry's lock is free (the holder wrote or gave up before the
   * subscription began). Never rejects: without a subscription it lasts until `timeoutMs`.
   */
  waitForWrite(key: string, timeoutMs: number): Promise<void>;
  /**
   * Closes what the store opened: its subscriber connection and, when it was given `url`, its
   * client. A `client` you passed stays open. Calls made afterwards fail with a `TokenStoreError`.
   */
  close(): Promise<void>;
}

/**
 * A `TokenStore` backed by Redis (or Valkey, or Redis Cluster) through node-redis, for a fleet of
 * processes that should share tokens: a token fetched by one is read by the others, and the lock
 * lets one process fetch while the rest wait for its write.
 *
 * Options are checked before anything connects: a mistake throws an `MmdConfigurationError`. With
 * `url`, the store connects on first use; with `client`, it uses yours as it is.
 *
 * @example
 * const store = createRedisTokenStore({ url: 'redis://localhost:6379' });
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  return new RedisTokenStoreImpl(options);
}

/** A lock taken with `RedisTokenStore.lock`; `release` sends the compare-and-delete script once. */
class HeldLock implements TokenStoreLock {
  #release: (() => Promise<void>) | undefined;

  constructor(release: () => Promise<void>) {
    this.#release = release;
  }

  release(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    return release ? release() : Promise.resolve();
  }

  [INSPECT](): string {
    return `TokenStoreLock { released: ${this.#release === undefined} }`;
  }
}

type Send = <R>(command: (commands: RedisStoreCommands) => Promise<R>) => Promise<R>;

/** The client the store made from `url`: it connects, and closes, that one itself. */
interface OwnedClient extends RedisStoreClient {
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

class RedisTokenStoreImpl implements RedisTokenStore {
  readonly timeout: number;
  readonly #client: RedisStoreClient;
  readonly #owned: OwnedClient | undefined;
  readonly #keyPrefix: string;
  readonly #commandTimeout: number;
  readonly #logger: LeveledLogger;
  readonly #redact: Redactor;
  readonly #subscriber: WriteSubscriber;
  /** The health of the client made from `url`; yours is yours to watch. */
  readonly #watch: ConnectionWatch | undefined;
  #connecting: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: RedisTokenStoreOptions) {
    const checked = checkOptions(options);
    this.#keyPrefix = checked.keyPrefix;
    this.#commandTimeout = checked.commandTimeout;
    this.timeout = checked.commandTimeout;
    this.#logger = checked.logger;
    this.#redact = checked.redact;
    if (checked.source.kind === 'url') {
      // No offline queue: while the connection is down, commands fail at once instead of waiting
      // out commandTimeout, and the credential goes straight to Entra.
      const owned: OwnedClient = createClient({ url: checked.source.url, disableOfflineQueue: true });
      this.#watch = watchConnection(
        owned,
        'the Redis connection',
        'store calls fail (credentials ask Entra directly)',
        this.#logger,
        this.#redact,
      );
      this.#owned = owned;
      this.#client = owned;
    } else {
      this.#client = checked.source.client;
    }
    this.#subscriber = new WriteSubscriber(this.#client, this.#logger, this.#redact);
  }

  async get(key: string): Promise<string | undefined> {
    const { entry } = keyNames(this.#keyPrefix, checkKey(key, 'get'));
    const value = await this.#bounded('get', this.#redact, async (send) => {
      try {
        return asString(await send((c) => c.get(entry)));
      } catch (error) {
        if (!isWrongType(error)) throw error;
        // Not an entry of this store: missed, so that the next set (which replaces any type) overwrites it.
        this.#warnOnce(
          'wrongType',
          'an entry key holds another Redis type (WRONGTYPE); it is treated as missing and overwritten by the next write',
        );
        return undefined;
      }
    });
    if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_ENTRY_BYTES) {
      this.#warnOnce(
        'tooLarge',
        `an entry is larger than ${MAX_ENTRY_BYTES} bytes, so not one of this store's; it is treated as missing and overwritten by the next write`,
      );
      return undefined;
    }
    return value;
  }

  async set(key: string, value: string, expiresOnTimestamp: number): Promise<void> {
    const method = 'set(key, value, expiresOnTimestamp)';
    const names = keyNames(this.#keyPrefix, checkKey(key, 'set'));
    const text = checkValue(value);
    const expiresOn = Math.floor(checkTimestamp(expiresOnTimestamp, 'expiresOnTimestamp', method));
    if (expiresOn <= Date.now()) return;
    const redact =
      text.length >= MIN_SCRUBBED_VALUE_LENGTH
        ? (line: string) => this.#redact(line).replaceAll(text, REDACTED)
        : this.#redact;
    await this.#bounded('set', redact, async (send) => {
      await send((c) => c.set(names.entry, text, { expiration: { type: 'PXAT', value: expiresOn } }));
      try {
        await send((c) => c.publish(names.channel, String(expiresOn)));
      } catch (error) {
        const reason = toTokenStoreError('set', error, this.#commandTimeout, redact);
        this.#logger.warn(
          `stored an entry but could not announce it, so processes waiting on it wake at their timeout: ${reason.message}`,
        );
      }
    });
  }

  async lock(key: string, ttlMs: number): Promise<TokenStoreLock | undefined> {
    const { lock } = keyNames(this.#keyPrefix, checkKey(key, 'lock'));
    const ttl = checkDuration(ttlMs, 'ttlMs', 'lock(key, ttlMs)', 1);
    const token = randomBytes(18).toString('base64url');
    const reply = await this.#bounded('lock', this.#redact, (send) =>
      send((c) => c.set(lock, token, { expiration: { type: 'PX', value: ttl }, condition: 'NX' })),
    );
    if (reply === null || reply === undefined) {
      await this.#expireStuckLock(lock, ttl);
      return undefined;
    }
    return new HeldLock(async () => {
      try {
        await this.#bounded('release', this.#redact, (send) =>
          send((c) => c.eval(RELEASE_SCRIPT, { keys: [lock], arguments: [token] })),
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#logger.debug(`could not release a lock, which expires by itself within its ttl: ${message}`);
      }
    });
  }

  async waitForWrite(key: string, timeoutMs: number): Promise<void> {
    const { channel, lock } = keyNames(this.#keyPrefix, checkKey(key, 'waitForWrite'));
    const timeout = checkDuration(timeoutMs, 'timeoutMs', 'waitForWrite(key, timeoutMs)', 0);
    if (timeout === 0) return;
    const lockIsFree = async () =>
      asString(await this.#bounded('get', this.#redact, (send) => send((c) => c.get(lock)))) === undefined;
    await this.#subscriber.wait(channel, timeout, lockIsFree);
  }

  /**
   * A lock without expiry (`PTTL` -1) would be honoured forever: it gets `ttl`, counted from now, and
   * one warning says so. Best effort: a failure here leaves the lock as it is.
   */
  async #expireStuckLock(lock: string, ttl: number): Promise<void> {
    try {
      const fixed = await this.#bounded('lock', this.#redact, (send) =>
        send((c) => c.eval(STUCK_LOCK_SCRIPT, { keys: [lock], arguments: [String(ttl)] })),
      );
      if (Number(fixed) === 1) {
        this.#warnOnce(
          'stuckLock',
          `found a lock with no expiry (a stuck lock); it now expires in ${ttl} ms, after which it is taken over`,
        );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.debug(`could not check a held lock's expiry: ${message}`);
    }
  }

  readonly #warned = new Set<string>();

  /** One warning per kind of problem, later ones at debug level: no warning storm. */
  #warnOnce(kind: string, message: string): void {
    if (this.#warned.has(kind)) {
      this.#logger.debug(message);
      return;
    }
    this.#warned.add(kind);
    this.#logger.warn(message);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#subscriber.close();
      const owned = this.#owned;
      if (owned?.isOpen) {
        try {
          owned.destroy();
        } catch {
          // Already closed.
        }
      }
    })();
    return this.#closing;
  }

  [INSPECT](): string {
    const client = this.#owned ? 'created from url' : 'yours';
    return `RedisTokenStore { keyPrefix: '${this.#keyPrefix}', commandTimeout: ${this.#commandTimeout}, client: ${client}, closed: ${this.#closing !== undefined} }`;
  }

  /** Connects the client the store owns, on first use (again after a failed attempt); yours is used as it is. */
  #ready(): Promise<void> {
    const owned = this.#owned;
    if (owned === undefined) return Promise.resolve();
    if (this.#connecting === undefined) {
      const connecting = owned.connect().then(() => undefined);
      this.#connecting = connecting;
      connecting.catch(() => {
        if (this.#connecting === connecting) this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  /**
   * Runs one store call within `commandTimeout`: `send` connects (when the store owns the client)
   * and sends a command, each raced against the one deadline and given its signal, so a command
   * still queued when the time is up is dropped. Failures become `TokenStoreError`s.
   */
  async #bounded<T>(
    operation: TokenStoreOperation,
    redact: Redactor,
    body: (send: Send) => Promise<T>,
  ): Promise<T> {
    if (this.#closing !== undefined) {
      throw new TokenStoreError(
        operation,
        'closed',
        `Redis token store: ${operation} failed: the store was closed (close()); create a new one to keep using Redis.`,
      );
    }
    const deadline = startDeadline(this.#commandTimeout);
    const send: Send = async (command) => {
      await deadline.race(this.#ready());
      const commands = this.#client.withCommandOptions({ abortSignal: deadline.signal, typeMapping: {} });
      return deadline.race(command(commands));
    };
    try {
      return await body(send);
    } catch (error) {
      throw toTokenStoreError(operation, error, this.#commandTimeout, redact, this.#watch?.lastError());
    } finally {
      deadline.clear();
    }
  }
}

/** A GET reply as a string: `undefined` for none; a Buffer (a client mapping strings to Buffers) decoded as UTF-8. */
function asString(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  return String(reply);
}

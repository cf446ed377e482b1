import {
  describeCause,
  type LeveledLogger,
  sleep,
  startDeadline,
  type TokenStore,
  type TokenStoreLock,
} from '@mmd-sdk/core';
import type { AccessToken } from '../shared/types';
import { openEntry, sealEntry } from './sealed-entry';
import { storeEntryKey } from './store-entry-key';
import type { StoreSettings } from './token-cache-options';

/** How long a store that failed is left alone: meanwhile every token comes straight from Entra. */
export const STORE_REST_MS = 60_000;
/** Waiting on another process's lock without `waitForWrite`: the first poll of `get`, and the longest. */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1_000;
/**
 * How many times a process tries the lock before fetching regardless: the second try takes over
 * the lock of a holder that died (its lock expired while this one waited), or finds it taken over
 * by another waiter, whose write it then waits for. The stores expire a stuck lock themselves
 * within its ttl from when they first find it, so a stuck lock costs one wait.
 */
const LOCK_ROUNDS = 2;

/** Whether a `lock` call's result is a lock; anything else (`null`, `'yes'`, `true`) is not granted. */
function isLock(value: unknown): value is TokenStoreLock {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { release?: unknown }).release === 'function'
  );
}

/** What a store call that failed (threw, rejected or ran out of time) resolves to. */
const FAILED: unique symbol = Symbol('the store call failed');

/** A token and whether the store had it (rather than the network). */
export interface StoredOrFetched {
  readonly token: AccessToken;
  readonly fromStore: boolean;
}

export interface TokenStoreLayerSettings extends StoreSettings {
  readonly logger: LeveledLogger;
  /** How long a process may hold the lock on an entry while it fetches. */
  readonly lockTtl: number;
  /** The kind of grant, part of every entry's key. */
  readonly kind: string;
}

/**
 * A credential's way to a `TokenStore`, behind its in-memory cache. On a local miss it reads the
 * store before asking the network; it writes every fresh token back, encrypted; when the store can
 * lock, one process fetches while the others wait for its write. Every store call is bounded by
 * the settings' `timeout` (`cache.timeout`, or the store's own when larger); a store that fails, hangs or holds garbage never fails a token request:
 * it is skipped for `STORE_REST_MS` and the credential logs one warning (later problems at debug).
 */
export class TokenStoreLayer {
  readonly #settings: TokenStoreLayerSettings;
  #restUntil = 0;
  #warned = false;
  #warnedStuck = false;

  constructor(settings: TokenStoreLayerSettings) {
    this.#settings = settings;
  }

  /**
   * A token for the in-memory key `memoryKey`: the store's while it is not due for refresh, else
   * `fetch`ed and written back. `fresh` (a `forceRefresh`) never takes the store's copy.
   */
  async acquire(
    memoryKey: string,
    fresh: boolean,
    fetch: () => Promise<AccessToken>,
  ): Promise<StoredOrFetched> {
    if (this.#resting()) return { token: await fetch(), fromStore: false };
    const entryKey = storeEntryKey(this.#settings.kind, memoryKey);
    if (fresh) return this.#fetchAndWrite(entryKey, fetch);
    const stored = await this.#read(entryKey);
    if (stored) return { token: stored, fromStore: true };
    const { store } = this.#settings;
    if (store.lock === undefined) return this.#fetchAndWrite(entryKey, fetch);
    return this.#singleFlight(entryKey, store.lock.bind(store), fetch);
  }

  async #singleFlight(
    entryKey: string,
    lock: NonNullable<TokenStore['lock']>,
    fetch: () => Promise<AccessToken>,
  ): Promise<StoredOrFetched> {
    const { lockTtl } = this.#settings;
    for (let round = 0; round < LOCK_ROUNDS && !this.#resting(); round++) {
      const held = await this.#call('lock', () => lock(entryKey, lockTtl));
      if (held === FAILED) break;
      if (isLock(held)) return this.#fetchAsHolder(entryKey, held, fetch);
      const written = await this.#awaitWrite(entryKey, lockTtl);
      if (written) return { token: written, fromStore: true };
      // Held past two ttls with no write: a lock the store cannot expire; never honoured longer.
      if (round === LOCK_ROUNDS - 1) this.#warnStuck(lockTtl * LOCK_ROUNDS);
    }
    return this.#fetchAndWrite(entryKey, fetch);
  }

  async #fetchAsHolder(
    entryKey: string,
    lock: TokenStoreLock,
    fetch: () => Promise<AccessToken>,
  ): Promise<StoredOrFetched> {
    try {
      // The previous holder may have written between this process's read and its lock.
      const stored = await this.#read(entryKey);
      if (stored) return { token: stored, fromStore: true };
      return await this.#fetchAndWrite(entryKey, fetch);
    } finally {
      await this.#call('release', () => lock.release());
    }
  }

  /**
   * Waits up to `ttl` for another process's write of `entryKey`: its token, or `undefined`. Woken by
   * `waitForWrite` when the store has it, else polling `get` with backoff (a wake that brings no
   * token backs off the same way, so that no store can make this spin).
   */
  async #awaitWrite(entryKey: string, ttl: number): Promise<AccessToken | undefined> {
    const { store } = this.#settings;
    const wake = store.waitForWrite?.bind(store);
    const until = Date.now() + ttl;
    for (let poll = 0; ; poll++) {
      const remaining = until - Date.now();
      if (remaining <= 0 || this.#resting()) return undefined;
      if (wake) {
        const woken = await this.#call(
          'waitForWrite',
          () => wake(entryKey, remaining),
          remaining + this.#settings.timeout,
        );
        if (woken === FAILED) return undefined;
        const stored = await this.#read(entryKey);
        if (stored) return stored;
      }
      await sleep(Math.min(until - Date.now(), MAX_POLL_MS, FIRST_POLL_MS * 2 ** poll));
      const stored = await this.#read(entryKey);
      if (stored) return stored;
    }
  }

  async #read(entryKey: string): Promise<AccessToken | undefined> {
    const { store, key } = this.#settings;
    const value = await this.#call('get', () => store.get(entryKey));
    if (value === FAILED || value === undefined) return undefined;
    const token = openEntry(key, entryKey, value);
    if (!token) {
      this.#report(
        'a token-store entry could not be read (written under another encryption key, or corrupt); it is ignored and will be replaced',
      );
      return undefined;
    }
    // A token due for refresh is left to the fetch, which replaces it for every process.
    return Date.now() < token.refreshAfterTimestamp ? token : undefined;
  }

  async #fetchAndWrite(entryKey: string, fetch: () => Promise<AccessToken>): Promise<StoredOrFetched> {
    const token = await fetch();
    if (!this.#resting()) {
      const { store, key } = this.#settings;
      const value = sealEntry(key, entryKey, token);
      await this.#call('set', () => store.set(entryKey, value, token.expiresOnTimestamp));
    }
    return { token, fromStore: false };
  }

  /** Runs one store call within `ms`: its result, or `FAILED` once it threw or ran out of time. */
  async #call<T>(
    operation: string,
    work: () => Promise<T>,
    ms = this.#settings.timeout,
  ): Promise<T | typeof FAILED> {
    const deadline = startDeadline(ms);
    try {
      return await deadline.race(Promise.resolve().then(work));
    } catch (error) {
      this.#restUntil = Date.now() + STORE_REST_MS;
      const reason = deadline.timedOut ? `no answer within ${ms} ms` : describeCause(error, (text) => text);
      this.#report(
        `the token store failed (${operation}: ${reason}); tokens come straight from the token endpoint for the next ${STORE_REST_MS / 1000} s`,
      );
      return FAILED;
    } finally {
      deadline.clear();
    }
  }

  #resting(): boolean {
    return Date.now() < this.#restUntil;
  }

  /** A lock still held once its ttl is over: said once per credential, at warn level. */
  #warnStuck(ttl: number): void {
    const message = `a token-store lock was still held ${ttl} ms after this process first found it, with no token written (a stuck lock the store does not expire); fetching without it`;
    if (this.#warnedStuck) {
      this.#settings.logger.debug(message);
      return;
    }
    this.#warnedStuck = true;
    this.#settings.logger.warn(message);
  }

  /** One warning per credential; later problems at debug level, so that a broken store cannot flood the log. */
  #report(problem: string): void {
    const { logger } = this.#settings;
    if (this.#warned) {
      logger.debug(problem);
      return;
    }
    this.#warned = true;
    logger.warn(`${problem} (further token-store problems of this credential are logged at debug level)`);
  }
}

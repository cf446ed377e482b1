/**
 * Where a credential keeps tokens beyond its own memory: a file for one machine, Redis for a fleet,
 * or your own. The credential's in-memory cache stays in front: a warm call never reaches the store,
 * a local miss reads it before asking Entra, and a fresh token is written back. Entries are opaque
 * strings, already encrypted by the credential; a store never sees a secret or a plain token.
 */
export interface TokenStore {
  /**
   * The most one call of this store may take, in milliseconds, as the store bounds its own calls
   * (optional): a credential waits for each store call `max(cache.timeout, timeout)` before it gives
   * up on the store. A Redis store sets it to its `commandTimeout`, connecting included.
   */
  readonly timeout?: number;
  /** The entry under `key`, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` until `expiresOnTimestamp` (ms since the epoch); the store may drop it after. */
  set(key: string, value: string, expiresOnTimestamp: number): Promise<void>;
  /**
   * Cross-process single flight (optional): takes the lock on `key` for at most `ttlMs`. Resolves to
   * the lock when this process now holds it, or `undefined` when another process does. A holder that
   * dies loses the lock when `ttlMs` ends.
   */
  lock?(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  /**
   * Resolves when `key` is next written, when its lock is found free, or after `timeoutMs` (optional):
   * lets the processes waiting on a lock holder wake at its write instead of polling. It may resolve
   * early; the caller reads the entry, and takes the lock itself if there is still none.
   */
  waitForWrite?(key: string, timeoutMs: number): Promise<void>;
}

/** A lock taken with `TokenStore.lock`. */
export interface TokenStoreLock {
  /** Lets the lock go, if this process still holds it; never throws. */
  release(): Promise<void>;
}

import type { LeveledLogger } from '@mmd-sdk/core';
import type { AccessToken } from '../shared/types';

/**
 * Fetches a token for a key: from a token store or the network. `fresh` (a `forceRefresh`) asks for
 * a new token, never one kept anywhere.
 */
export type Acquire = (fresh: boolean) => Promise<AccessToken>;

/** How long to wait before trying a failed background refresh again, while the token is still valid. */
const BACKGROUND_RETRY_MS = 30_000;

function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * In-memory tokens by key, with one request in flight per key: any number of concurrent callers on
 * a cold or expiring key share it. A token past its refresh time but not yet expired is served at
 * once while a refresh runs in the background; if that refresh fails, the valid token keeps being
 * served and a warning is logged. An expired token is never served.
 */
export class TokenCache {
  readonly #entries = new Map<string, AccessToken>();
  readonly #inFlight = new Map<string, Promise<AccessToken>>();
  readonly #backgroundRetryAt = new Map<string, number>();
  readonly #logger: LeveledLogger;
  #hits = 0;

  constructor(logger: LeveledLogger) {
    this.#logger = logger;
  }

  /**
   * The valid cached token for `key`, at once (starting a background refresh when it is due), or
   * `undefined` when there is none.
   */
  peek(key: string, acquire: Acquire): AccessToken | undefined {
    const cached = this.#entries.get(key);
    if (cached === undefined) return undefined;
    const now = Date.now();
    if (now >= cached.expiresOnTimestamp) return undefined;
    if (now >= cached.refreshAfterTimestamp && now >= (this.#backgroundRetryAt.get(key) ?? 0)) {
      this.#refreshInBackground(key, acquire);
    }
    // A plain count, read only when metrics are collected: a hit costs no telemetry call.
    this.#hits++;
    return cached;
  }

  /** How many calls the cache answered so far. */
  get hits(): number {
    return this.#hits;
  }

  /** When the first of the valid cached tokens expires (ms since the epoch), or `undefined` when none is. */
  soonestExpiry(now = Date.now()): number | undefined {
    let soonest: number | undefined;
    for (const token of this.#entries.values()) {
      const expiresOn = token.expiresOnTimestamp;
      if (expiresOn > now && (soonest === undefined || expiresOn < soonest)) soonest = expiresOn;
    }
    return soonest;
  }

  /** The cached token, or a new one from the single request in flight for `key`. */
  get(
    key: string,
    acquire: Acquire,
    options: { forceRefresh?: boolean; abortSignal?: AbortSignal } = {},
  ): Promise<AccessToken> {
    if (options.abortSignal?.aborted) return Promise.reject(options.abortSignal.reason);
    const fresh = options.forceRefresh === true;
    if (fresh) {
      this.#entries.delete(key);
    } else {
      const cached = this.peek(key, acquire);
      if (cached) return Promise.resolve(cached);
    }
    return waitFor(this.#acquireOnce(key, acquire, fresh), options.abortSignal);
  }

  #acquireOnce(key: string, acquire: Acquire, fresh: boolean): Promise<AccessToken> {
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const request = acquire(fresh)
      .then((token) => {
        this.#entries.set(key, token);
        this.#backgroundRetryAt.delete(key);
        return token;
      })
      .finally(() => this.#inFlight.delete(key));
    // Callers that gave up (abort) must not leave an unhandled rejection behind.
    request.catch(() => {});
    this.#inFlight.set(key, request);
    return request;
  }

  #refreshInBackground(key: string, acquire: Acquire): void {
    if (this.#inFlight.has(key)) return;
    this.#acquireOnce(key, acquire, false).catch((error: unknown) => {
      const expiresOn = this.#entries.get(key)?.expiresOnTimestamp;
      this.#backgroundRetryAt.set(key, Date.now() + BACKGROUND_RETRY_MS);
      this.#logger.warn(
        `background token refresh failed; still serving the cached token${
          expiresOn ? ` until it expires at ${new Date(expiresOn).toISOString()}` : ''
        }: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
}

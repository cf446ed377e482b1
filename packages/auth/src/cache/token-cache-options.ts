import type { KeyObject } from 'node:crypto';
import {
  checkKnownKeys,
  checkNumber,
  checkOptionsObject,
  describeValue,
  MmdConfigurationError,
  type TokenStore,
} from '@mmd-sdk/core';
import { readVariable } from '../shared/environment';
import { MAKE_A_KEY, readEncryptionKey } from './encryption-key';

/** Where a credential keeps its tokens beyond its own memory, and the key they are encrypted with there. */
export interface TokenCacheOptions {
  /**
   * The store: `createFileTokenStore()` for the processes of one machine, `createRedisTokenStore()`
   * of `@mmd-sdk/mmd-token-cache-redis` for a fleet, or any `TokenStore`. A process that starts (or
   * restarts) takes the token another one already fetched instead of asking Entra, and processes
   * missing the same token at once send one request between them. The in-memory cache stays in
   * front: a warm `getToken` never reaches the store. Required.
   */
  store: TokenStore;
  /**
   * The key every entry is encrypted with (AES-256-GCM) before it reaches the store, so that the store
   * never holds a usable token: 32 random bytes as base64 or hex text, or a `Uint8Array`. Every
   * process sharing the store needs the same key; an entry written under another key is ignored
   * (and replaced). Keep it with your other secrets.
   * @default the MMD_TOKEN_CACHE_KEY environment variable, which must then be set
   */
  encryptionKey?: string | Uint8Array;
  /**
   * The most one store call (`get`, `set`, `lock`, `release`) may take, in milliseconds, before the
   * credential gives up on the store for 60 s and asks the token endpoint directly. A store that
   * bounds its own calls declares it (`store.timeout`: the Redis store's `commandTimeout`, connecting
   * included); the credential then waits the larger of the two.
   * @default 1000
   */
  timeout?: number;
}

/** A store and the key of its entries, checked. */
export interface StoreSettings {
  readonly store: TokenStore;
  readonly key: KeyObject;
  /** How long one store call may take: the larger of `cache.timeout` and the store's own `timeout`. */
  readonly timeout: number;
}

/** The default of `cache.timeout`. */
export const DEFAULT_STORE_CALL_TIMEOUT_MS = 1_000;

/** The environment variable that holds the store's encryption key when the option does not. */
export const TOKEN_CACHE_KEY_VARIABLE = 'MMD_TOKEN_CACHE_KEY';

/**
 * The store's methods and declared `timeout`, read once: a store whose getters throw is refused
 * here, at construction, rather than failing every call later.
 */
function readTokenStore(value: unknown): { store: TokenStore; timeout: number | undefined } {
  const refuse = (detail: string) =>
    new MmdConfigurationError(
      'cache.store',
      `cache.store must be a TokenStore, an object with get(key) and set(key, value, expiresOnTimestamp) methods such as createFileTokenStore() (${detail}).`,
    );
  if (value === null || typeof value !== 'object') throw refuse(`got ${describeValue(value)}`);
  let shape: Record<'get' | 'set' | 'lock' | 'waitForWrite' | 'timeout', unknown>;
  try {
    const store = value as Record<string, unknown>;
    shape = {
      get: store.get,
      set: store.set,
      lock: store.lock,
      waitForWrite: store.waitForWrite,
      timeout: store.timeout,
    };
  } catch {
    throw refuse('reading one of its properties threw');
  }
  if (
    typeof shape.get !== 'function' ||
    typeof shape.set !== 'function' ||
    (shape.lock !== undefined && typeof shape.lock !== 'function') ||
    (shape.waitForWrite !== undefined && typeof shape.waitForWrite !== 'function')
  ) {
    throw refuse(`got ${describeValue(value)}`);
  }
  const timeout =
    shape.timeout === undefined
      ? undefined
      : checkNumber(shape.timeout, {
          option: 'cache.store.timeout',
          fallback: DEFAULT_STORE_CALL_TIMEOUT_MS,
          min: 1,
          unit: 'milliseconds',
        });
  return { store: value as TokenStore, timeout };
}

/**
 * Checks the `cache` option: a `TokenStore`, its call `timeout`, and a key from `encryptionKey` or `MMD_TOKEN_CACHE_KEY`.
 * No key at all, or a malformed one, is an `MmdConfigurationError` before any network call.
 */
export function resolveTokenCache(
  value: unknown,
  environment: NodeJS.ProcessEnv = process.env,
): StoreSettings | undefined {
  if (value === undefined) return undefined;
  const options = checkOptionsObject(value, 'cache', 'pass { store, encryptionKey? }');
  checkKnownKeys(options, ['store', 'encryptionKey', 'timeout'], 'cache');
  const { store, timeout: storeTimeout } = readTokenStore(options.store);
  const ownTimeout = checkNumber(options.timeout, {
    option: 'cache.timeout',
    fallback: DEFAULT_STORE_CALL_TIMEOUT_MS,
    min: 1,
    integer: true,
    unit: 'milliseconds',
  });
  const timeout = Math.max(ownTimeout, storeTimeout ?? 0);
  if (options.encryptionKey !== undefined) {
    return { store, timeout, key: readEncryptionKey(options.encryptionKey, 'cache.encryptionKey') };
  }
  const variable = readVariable(environment, TOKEN_CACHE_KEY_VARIABLE);
  if (!variable) {
    const empty =
      Object.hasOwn(environment, TOKEN_CACHE_KEY_VARIABLE) &&
      typeof environment[TOKEN_CACHE_KEY_VARIABLE] === 'string';
    throw new MmdConfigurationError(
      'cache.encryptionKey',
      empty
        ? `${TOKEN_CACHE_KEY_VARIABLE} is set but empty; cache needs an encryption key, so that no token is ever stored in the clear: put 32 random bytes as base64 or hex in it, or pass cache.encryptionKey; ${MAKE_A_KEY}.`
        : `cache needs an encryption key, so that no token is ever stored in the clear: set ${TOKEN_CACHE_KEY_VARIABLE} or pass cache.encryptionKey (32 random bytes as base64 or hex); ${MAKE_A_KEY}.`,
    );
  }
  return { store, timeout, key: readEncryptionKey(variable, TOKEN_CACHE_KEY_VARIABLE) };
}

/**
 * The `cache` option with its key taken from `MMD_TOKEN_CACHE_KEY` in `environment` when the option
 * has none, for a credential that reads its configuration from another environment than `process.env`.
 */
export function withKeyFrom(
  cache: TokenCacheOptions | undefined,
  environment: NodeJS.ProcessEnv,
): TokenCacheOptions | undefined {
  if (cache === null || typeof cache !== 'object' || cache.encryptionKey !== undefined) return cache;
  const variable = readVariable(environment, TOKEN_CACHE_KEY_VARIABLE);
  if (variable === undefined) return cache;
  // Checked here, so that a bad key is reported as the variable's.
  readEncryptionKey(variable, TOKEN_CACHE_KEY_VARIABLE);
  return { ...cache, encryptionKey: variable };
}

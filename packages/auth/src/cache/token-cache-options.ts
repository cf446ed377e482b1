import type { KeyObject } from 'node:crypto';
import {
  checkKnownKeys,
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
}

/** A store and the key of its entries, checked. */
export interface StoreSettings {
  readonly store: TokenStore;
  readonly key: KeyObject;
}

/** The environment variable that holds the store's encryption key when the option does not. */
export const TOKEN_CACHE_KEY_VARIABLE = 'MMD_TOKEN_CACHE_KEY';

function isTokenStore(value: unknown): value is TokenStore {
  if (value === null || typeof value !== 'object') return false;
  const store = value as Record<keyof TokenStore, unknown>;
  return (
    typeof store.get === 'function' &&
    typeof store.set === 'function' &&
    (store.lock === undefined || typeof store.lock === 'function') &&
    (store.waitForWrite === undefined || typeof store.waitForWrite === 'function')
  );
}

/**
 * Checks the `cache` option: a `TokenStore`, and a key from `encryptionKey` or `MMD_TOKEN_CACHE_KEY`.
 * No key at all, or a malformed one, is an `MmdConfigurationError` before any network call.
 */
export function resolveTokenCache(
  value: unknown,
  environment: NodeJS.ProcessEnv = process.env,
): StoreSettings | undefined {
  if (value === undefined) return undefined;
  const options = checkOptionsObject(value, 'cache', 'pass { store, encryptionKey? }');
  checkKnownKeys(options, ['store', 'encryptionKey'], 'cache');
  if (!isTokenStore(options.store)) {
    throw new MmdConfigurationError(
      'cache.store',
      `cache.store must be a TokenStore, an object with get(key) and set(key, value, expiresOnTimestamp) methods such as createFileTokenStore() (got ${describeValue(options.store)}).`,
    );
  }
  const variable = readVariable(environment, TOKEN_CACHE_KEY_VARIABLE);
  if (options.encryptionKey !== undefined) {
    return { store: options.store, key: readEncryptionKey(options.encryptionKey, 'cache.encryptionKey') };
  }
  if (!variable) {
    throw new MmdConfigurationError(
      'cache.encryptionKey',
      `cache needs an encryption key, so that no token is ever stored in the clear: set ${TOKEN_CACHE_KEY_VARIABLE} or pass cache.encryptionKey (32 random bytes as base64 or hex); ${MAKE_A_KEY}.`,
    );
  }
  return { store: options.store, key: readEncryptionKey(variable, TOKEN_CACHE_KEY_VARIABLE) };
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

import { normalizeScopes } from '@mmd-sdk/core';
import type { AccessToken } from '../shared/types';
import type { Acquire } from './token-cache';

/** A `scopes` argument resolved: its cache key and how to fetch a token for it. */
export interface ScopeRequest {
  readonly key: string;
  /** Fetches a token for these scopes; made once per remembered scope set, not per call. */
  readonly acquire: Acquire;
}

/** Fetches a token for normalized scopes, kept under `key`; `fresh` for a `forceRefresh`. */
export type AcquireScopes = (scopes: readonly string[], key: string, fresh: boolean) => Promise<AccessToken>;

/** Scope strings remembered at most, so that callers passing ever new scopes cannot grow the memo. */
const MAX_REMEMBERED = 64;

/**
 * Turns `getToken`'s `scopes` argument into a cache key, checking and sorting the scopes once per
 * string: a warm `getToken` then costs a map lookup rather than a normalization.
 */
export class ScopeRequests {
  readonly #keyPrefix: string;
  readonly #acquire: AcquireScopes;
  readonly #check: (scopes: readonly string[]) => void;
  readonly #byString = new Map<string, ScopeRequest>();
  #default: ScopeRequest | undefined;

  /**
   * @param keyPrefix what else the key holds (authority host, tenant, client).
   * @param acquire fetches a token for normalized scopes.
   * @param check refuses scopes this credential cannot ask for (a managed identity takes one).
   */
  constructor(keyPrefix: string, acquire: AcquireScopes, check: (scopes: readonly string[]) => void) {
    this.#keyPrefix = keyPrefix;
    this.#acquire = acquire;
    this.#check = check;
  }

  /** The request for `scopes`; throws an `MmdConfigurationError` for scopes that are not `.default` ones. */
  resolve(scopes: unknown): ScopeRequest {
    if (scopes === undefined && this.#default) return this.#default;
    const remembered = typeof scopes === 'string' ? this.#byString.get(scopes) : undefined;
    if (remembered) return remembered;
    const normalized = normalizeScopes(scopes);
    this.#check(normalized);
    const key = `${this.#keyPrefix}|${normalized.join(' ')}`;
    const request: ScopeRequest = { key, acquire: (fresh) => this.#acquire(normalized, key, fresh) };
    if (scopes === undefined) this.#default = request;
    else if (typeof scopes === 'string' && this.#byString.size < MAX_REMEMBERED) {
      this.#byString.set(scopes, request);
    }
    return request;
  }
}

import { normalizeScopes } from '@mmd-sdk/core';
import type { AccessToken } from '../shared/types';

/** A `scopes` argument resolved: its cache key and how to fetch a token for it. */
export interface ScopeRequest {
  readonly key: string;
  /** Fetches a token for these scopes; made once per remembered scope set, not per call. */
  readonly acquire: () => Promise<AccessToken>;
}

/** Scope strings remembered at most, so that callers passing ever new scopes cannot grow the memo. */
const MAX_REMEMBERED = 64;

/**
 * Turns `getToken`'s `scopes` argument into a cache key, checking and sorting the scopes once per
 * string: a warm `getToken` then costs a map lookup rather than a normalization.
 */
export class ScopeRequests {
  readonly #keyPrefix: string;
  readonly #acquire: (scopes: readonly string[]) => Promise<AccessToken>;
  readonly #byString = new Map<string, ScopeRequest>();
  #default: ScopeRequest | undefined;

  /**
   * @param keyPrefix what else the key holds (authority host, tenant, client).
   * @param acquire fetches a token for normalized scopes.
   */
  constructor(keyPrefix: string, acquire: (scopes: readonly string[]) => Promise<AccessToken>) {
    this.#keyPrefix = keyPrefix;
    this.#acquire = acquire;
  }

  /** The request for `scopes`; throws an `MmdConfigurationError` for scopes that are not `.default` ones. */
  resolve(scopes: unknown): ScopeRequest {
    if (scopes === undefined && this.#default) return this.#default;
    const remembered = typeof scopes === 'string' ? this.#byString.get(scopes) : undefined;
    if (remembered) return remembered;
    const normalized = normalizeScopes(scopes);
    const request: ScopeRequest = {
      key: `${this.#keyPrefix}|${normalized.join(' ')}`,
      acquire: () => this.#acquire(normalized),
    };
    if (scopes === undefined) this.#default = request;
    else if (typeof scopes === 'string' && this.#byString.size < MAX_REMEMBERED) {
      this.#byString.set(scopes, request);
    }
    return request;
  }
}

import { createRedactorMemo } from '@mmd-sdk/core';
import { createAccessToken } from '../cache/redacted-access-token';
import { type ScopeRequest, ScopeRequests } from '../cache/scope-requests';
import { TokenCache } from '../cache/token-cache';
import type { AccessToken, GetTokenOptions } from '../shared/types';
import { requestToken } from '../token-endpoint/request-token';
import type { TokenResult } from '../token-endpoint/token-request';
import { TokenRequestError } from '../token-endpoint/token-request-error';
import type { ClientAuthenticator } from './authenticator';
import { type ClientSettings, checkGetTokenOptions } from './check-options';

/**
 * What every client-credentials credential does with its authenticator: keeps tokens in a cache with
 * one request in flight per scope set, asks the token endpoint on a miss, and follows the
 * authenticator's fallback once when Entra refuses the client. Each credential owns one.
 */
export class ConfidentialClient {
  readonly #settings: ClientSettings;
  readonly #cache: TokenCache;
  readonly #scopes: ScopeRequests;
  readonly #redactor = createRedactorMemo();
  #authenticator: ClientAuthenticator;

  constructor(settings: ClientSettings, authenticator: ClientAuthenticator) {
    this.#settings = settings;
    this.#authenticator = authenticator;
    this.#cache = new TokenCache(settings.requests.logger);
    const { authorityHost, tenantId, clientId } = settings;
    this.#scopes = new ScopeRequests(`${authorityHost}|${tenantId}|${clientId}`, (scopes) =>
      this.#acquire(scopes),
    );
  }

  /** A token for the scopes (default: the MMD API), from the cache when it can. */
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    let request: ScopeRequest;
    try {
      request = this.#scopes.resolve(scopes);
      if (options !== undefined) checkGetTokenOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { key, acquire } = request;
    // The hot path: a valid cached token costs a map lookup and a clock read.
    if (options === undefined)
      return Promise.resolve(this.#cache.peek(key, acquire) ?? this.#cache.get(key, acquire));
    if (!options.forceRefresh && !options.abortSignal?.aborted) {
      const cached = this.#cache.peek(key, acquire);
      if (cached) return Promise.resolve(cached);
    }
    return this.#cache.get(key, acquire, options);
  }

  /** What `JSON.stringify` shows of a credential of this `type`: identifiers only, never a secret. */
  toJSON(type: string): Record<string, string> {
    const { tenantId, clientId, authorityHost } = this.#settings;
    return { type, tenantId, clientId, authorityHost };
  }

  /** What `util.inspect` and `console.log` show of a credential of this `type`: identifiers only. */
  inspect(type: string): string {
    const { tenantId, clientId, authorityHost } = this.#settings;
    return `${type} { tenantId: '${tenantId}', clientId: '${clientId}', authorityHost: '${authorityHost}' }`;
  }

  async #acquire(scopes: readonly string[]): Promise<AccessToken> {
    const token = createAccessToken(
      await this.#requestWithFallback(scopes),
      this.#settings.refreshBeforeExpiry,
    );
    this.#settings.requests.logger.debug(
      `token for ${scopes.join(' ')} acquired; expires at ${new Date(token.expiresOnTimestamp).toISOString()}`,
    );
    return token;
  }

  async #requestWithFallback(scopes: readonly string[]): Promise<TokenResult> {
    const authenticator = this.#authenticator;
    try {
      return await this.#request(scopes, authenticator);
    } catch (error) {
      const fallback = error instanceof TokenRequestError ? authenticator.afterRefusal?.(error) : undefined;
      if (!fallback) throw error;
      this.#settings.requests.logger.warn(fallback.warning);
      const result = await this.#request(scopes, fallback.authenticator);
      // It worked: from now on this credential authenticates that way.
      this.#authenticator = fallback.authenticator;
      return result;
    }
  }

  #request(scopes: readonly string[], authenticator: ClientAuthenticator): Promise<TokenResult> {
    const { tokenUrl, clientId, requests } = this.#settings;
    return requestToken({
      tokenUrl,
      clientId,
      scopes,
      clientAuthentication: (signal) => authenticator.formFields(signal),
      redactor: () => this.#redactor(authenticator.secrets()),
      options: requests,
    });
  }
}

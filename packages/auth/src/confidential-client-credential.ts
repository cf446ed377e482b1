import {
  checkOptionalBoolean,
  checkOptionalSignal,
  checkOptionsObject,
  createRedactorMemo,
  type LeveledLogger,
  normalizeScopes,
} from '@mmd-sdk/core';
import { createAccessToken } from './access-token';
import { TokenRequestError } from './errors';
import { INSPECT } from './redact';
import { TokenCache } from './token-cache';
import { requestToken } from './token-endpoint';
import type { AccessToken, CommonCredentialOptions, GetTokenOptions, TokenCredential } from './types';
import {
  type ResolvedCommonOptions,
  resolveCommonOptions,
  validateClientId,
  validateTenantId,
} from './validate-options';

interface ScopeRequest {
  readonly scopes: string[];
  readonly key: string;
  /** Fetches a token for these scopes; made once per remembered scope set, not per call. */
  readonly acquire: () => Promise<AccessToken>;
}

/**
 * What every client-credentials credential shares: option checks, the token endpoint, the cache.
 * Subclasses say how the client authenticates (secret, certificate, assertion).
 */
export abstract class ConfidentialClientCredential implements TokenCredential {
  /** The directory (tenant) ID or domain the tokens are issued by. */
  readonly tenantId: string;
  /** The application (client) ID. */
  readonly clientId: string;
  /** The Entra ID authority host in use. */
  readonly authorityHost: string;
  /** The token endpoint, `{authorityHost}/{tenantId}/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  readonly #options: ResolvedCommonOptions;
  readonly #cache: TokenCache;
  readonly #scopeRequests = new Map<string, ScopeRequest>();
  #defaultScopeRequest: ScopeRequest | undefined;
  readonly #redactor = createRedactorMemo();

  /**
   * @param checked the constructor's options as `checkCredentialOptions` returns them (own properties
   * only, no unknown key); `tenantId`, `clientId` and the common options are checked here.
   */
  protected constructor(checked: Readonly<Record<string, unknown>>) {
    this.tenantId = validateTenantId(checked.tenantId);
    this.clientId = validateClientId(checked.clientId);
    this.#options = resolveCommonOptions(checked as CommonCredentialOptions);
    this.authorityHost = this.#options.authorityHost;
    this.tokenUrl = `${this.authorityHost}/${encodeURIComponent(this.tenantId)}/oauth2/v2.0/token`;
    this.#cache = new TokenCache(this.#options.logger);
  }

  /** Where this credential writes its lines, at its log level. */
  protected get logger(): LeveledLogger {
    return this.#options.logger;
  }

  /** The form fields that authenticate the client, built anew for each HTTP attempt. */
  protected abstract clientAuthentication(signal: AbortSignal): Promise<Record<string, string>>;

  /** The secret values this credential holds, scrubbed from anything the endpoint echoes back. */
  protected abstract secrets(): Iterable<string>;

  /**
   * Called when the endpoint refused the client: a subclass that can authenticate another way (the
   * certificate credential's thumbprint fallback) switches and returns how to undo the switch if the
   * one more request fails too. `undefined` (the default) means no second request.
   */
  protected retryAfterRefusal(_error: TokenRequestError): (() => void) | undefined {
    return undefined;
  }

  /**
   * Gets a token for the scopes (default: the MMD API), from the cache when it can.
   * @param scopes `"<resource>/.default"` scopes; defaults to `MMD_SCOPE`.
   */
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    let request: ScopeRequest;
    try {
      request = this.#scopeRequest(scopes);
      if (options !== undefined) checkGetTokenOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { acquire } = request;
    if (options === undefined) {
      // The hot path: a valid cached token costs a map lookup and a clock read.
      return Promise.resolve(this.#cache.peek(request.key, acquire) ?? this.#cache.get(request.key, acquire));
    }
    if (!options.forceRefresh && !options.abortSignal?.aborted) {
      // The hot path: a valid cached token costs a map lookup and a clock read.
      const cached = this.#cache.peek(request.key, acquire);
      if (cached) return Promise.resolve(cached);
    }
    return this.#cache.get(request.key, acquire, options);
  }

  /** The cache key and normalized scopes of a `scopes` argument, remembered for repeated strings. */
  #scopeRequest(scopes: unknown): ScopeRequest {
    if (scopes === undefined && this.#defaultScopeRequest) return this.#defaultScopeRequest;
    const remembered = typeof scopes === 'string' ? this.#scopeRequests.get(scopes) : undefined;
    if (remembered) return remembered;
    const normalized = normalizeScopes(scopes);
    const request: ScopeRequest = {
      scopes: normalized,
      key: `${this.authorityHost}|${this.tenantId}|${this.clientId}|${normalized.join(' ')}`,
      acquire: () => this.#acquire(normalized),
    };
    if (scopes === undefined) this.#defaultScopeRequest = request;
    else if (typeof scopes === 'string' && this.#scopeRequests.size < 64)
      this.#scopeRequests.set(scopes, request);
    return request;
  }

  async #acquire(scopes: string[]): Promise<AccessToken> {
    const request = {
      tokenUrl: this.tokenUrl,
      clientId: this.clientId,
      scopes,
      clientAuthentication: (signal: AbortSignal) => this.clientAuthentication(signal),
      options: this.#options,
      redactor: () => this.#redactor(this.secrets()),
    };
    const result = await requestToken(request).catch(async (error: unknown) => {
      const undo = error instanceof TokenRequestError ? this.retryAfterRefusal(error) : undefined;
      if (!undo) throw error;
      return requestToken(request).catch((second: unknown) => {
        undo();
        throw second;
      });
    });
    const lifetime = result.expiresInSeconds * 1000;
    const expiresOn = result.sentAt + lifetime;
    const refreshAfter =
      result.refreshInSeconds !== undefined
        ? result.sentAt + result.refreshInSeconds * 1000
        : lifetime > this.#options.refreshBeforeExpiry
          ? expiresOn - this.#options.refreshBeforeExpiry
          : result.sentAt + lifetime / 2;
    this.#options.logger.debug(
      `token for ${scopes.join(' ')} acquired; expires at ${new Date(expiresOn).toISOString()}`,
    );
    return createAccessToken(result.accessToken, expiresOn, refreshAfter);
  }

  /** What `util.inspect` and `console.log` show: identifiers only, never a secret. */
  [INSPECT](): string {
    return `${this.constructor.name} { tenantId: '${this.tenantId}', clientId: '${this.clientId}', authorityHost: '${this.authorityHost}' }`;
  }

  toJSON(): Record<string, string> {
    return {
      type: this.constructor.name,
      tenantId: this.tenantId,
      clientId: this.clientId,
      authorityHost: this.authorityHost,
    };
  }
}

function checkGetTokenOptions(options: unknown): void {
  // Other keys of @azure/core-auth's GetTokenOptions (tracingOptions, requestOptions…) are accepted and unused.
  const object = checkOptionsObject(
    options,
    'getToken options',
    'pass { abortSignal, forceRefresh } or nothing',
  );
  checkOptionalSignal(object.abortSignal, 'abortSignal');
  checkOptionalBoolean(object.forceRefresh, 'forceRefresh');
}

import { loadOpenTelemetry } from '@mmd-sdk/core';
import { createAccessToken } from '../cache/redacted-access-token';
import { type ScopeRequest, ScopeRequests } from '../cache/scope-requests';
import { TokenCache } from '../cache/token-cache';
import { TokenStoreLayer } from '../cache/token-store-layer';
import type { AccessToken, GetTokenOptions } from '../shared/types';
import {
  type AcquisitionTrace,
  createTokenTelemetry,
  type TelemetryIdentity,
  type TokenTelemetry,
} from '../telemetry/token-telemetry';
import type { RequestTrace, TokenResult } from '../token-endpoint/token-request';
import { type CommonSettings, checkGetTokenOptions } from './check-options';

/** Who a credential asks tokens for, as its cache, store, telemetry and printouts name it. */
export interface TokenClientIdentity extends TelemetryIdentity {
  /** The kind of grant (`client-credentials`, `managed-identity`): part of a store entry's key. */
  readonly kind: string;
  /** What the in-memory key holds before the scopes: authority host or endpoint, tenant, client. */
  readonly keyPrefix: string;
  /** What `inspect` and `toJSON` show of the credential: identifiers only. */
  readonly shown?: Readonly<Record<string, string>>;
}

/** How a credential gets a token from the network: the one part that differs between grants. */
export interface TokenIssuer {
  /** Requests a token for normalized scopes; `trace` carries the request's `client-request-id`. */
  issue(scopes: readonly string[], trace: RequestTrace): Promise<TokenResult>;
  /** Refuses scopes this credential cannot ask for, before any cache or store is consulted. */
  checkScopes?(scopes: readonly string[]): void;
}

/** The lock a process takes on a store entry lasts one attempt's `timeout`, but never less than this. */
const MIN_LOCK_TTL_MS = 1_000;

/**
 * What every credential does around its issuer: an in-memory cache with one request in flight per
 * scope set, then the token store (when `cache` is set), then the issuer; a span and metrics per
 * acquisition when OpenTelemetry is installed. A warm `getToken` is a map lookup and a clock read.
 */
export class TokenClient {
  readonly #identity: TokenClientIdentity;
  readonly #settings: CommonSettings;
  readonly #issuer: TokenIssuer;
  readonly #cache: TokenCache;
  readonly #scopes: ScopeRequests;
  readonly #store: TokenStoreLayer | undefined;
  readonly #telemetry: TokenTelemetry | undefined;

  constructor(identity: TokenClientIdentity, settings: CommonSettings, issuer: TokenIssuer) {
    this.#identity = identity;
    this.#settings = settings;
    this.#issuer = issuer;
    const { logger } = settings.requests;
    this.#cache = new TokenCache(logger);
    this.#scopes = new ScopeRequests(
      identity.keyPrefix,
      (scopes, key, fresh) => this.#acquire(scopes, key, fresh),
      (scopes) => issuer.checkScopes?.(scopes),
    );
    this.#store =
      settings.store &&
      new TokenStoreLayer({
        ...settings.store,
        logger,
        lockTtl: Math.max(settings.requests.timeout, MIN_LOCK_TTL_MS),
        kind: identity.kind,
      });
    this.#telemetry = createTokenTelemetry(loadOpenTelemetry(), identity, this.#cache);
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
    return { type, ...this.#identity.shown };
  }

  /** What `util.inspect` and `console.log` show of a credential of this `type`: identifiers only. */
  inspect(type: string): string {
    const fields = Object.entries(this.#identity.shown ?? {}).map(([name, value]) => `${name}: '${value}'`);
    return `${type} { ${fields.join(', ')} }`;
  }

  /** One acquisition (a memory miss): the store's token, or the issuer's, in a span when traced. */
  #acquire(scopes: readonly string[], key: string, fresh: boolean): Promise<AccessToken> {
    const trace: AcquisitionTrace = {
      clientRequestId: globalThis.crypto.randomUUID(),
      attempts: 0,
      fromStore: false,
    };
    const store = this.#store;
    const run = async () => {
      if (!store) return this.#fetch(scopes, trace);
      const { token, fromStore } = await store.acquire(key, fresh, () => this.#fetch(scopes, trace));
      trace.fromStore = fromStore;
      this.#settings.requests.issuedTokens.remember(token.token);
      return token;
    };
    return this.#telemetry ? this.#telemetry.acquisition(trace, run) : run();
  }

  async #fetch(scopes: readonly string[], trace: RequestTrace): Promise<AccessToken> {
    const token = createAccessToken(
      await this.#issuer.issue(scopes, trace),
      this.#settings.refreshBeforeExpiry,
    );
    // Scrubbed from whatever an endpoint echoes from now on, in every spelling, like the secret.
    this.#settings.requests.issuedTokens.remember(token.token);
    this.#settings.requests.logger.debug(
      `token for ${scopes.join(' ')} acquired; expires at ${new Date(token.expiresOnTimestamp).toISOString()} (client-request-id ${trace.clientRequestId})`,
    );
    return token;
  }
}

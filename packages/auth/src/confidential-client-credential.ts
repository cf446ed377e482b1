import { toAccessToken } from './access-token';
import { INSPECT } from './redact';
import { type CachedToken, TokenCache } from './token-cache';
import { requestToken } from './token-endpoint';
import type { AccessToken, CommonCredentialOptions, GetTokenOptions, TokenCredential } from './types';
import {
  normalizeScopes,
  type ResolvedCommonOptions,
  resolveCommonOptions,
  validateClientId,
  validateTenantId,
} from './validate-options';

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

  protected constructor(tenantId: unknown, clientId: unknown, options: CommonCredentialOptions | undefined) {
    this.tenantId = validateTenantId(tenantId);
    this.clientId = validateClientId(clientId);
    this.#options = resolveCommonOptions(options);
    this.authorityHost = this.#options.authorityHost;
    this.tokenUrl = `${this.authorityHost}/${encodeURIComponent(this.tenantId)}/oauth2/v2.0/token`;
    this.#cache = new TokenCache(this.#options.logger);
  }

  /** The form fields that authenticate the client, built anew for each HTTP attempt. */
  protected abstract clientAuthentication(signal: AbortSignal): Promise<Record<string, string>>;

  /** The secret values this credential holds, scrubbed from anything the endpoint echoes back. */
  protected abstract secrets(): Iterable<string>;

  /**
   * Gets a token for the scopes (default: the MMD API), from the cache when it can.
   * @param scopes `"<resource>/.default"` scopes; defaults to `MMD_SCOPE`.
   */
  async getToken(scopes?: string | string[], options: GetTokenOptions = {}): Promise<AccessToken> {
    const normalized = normalizeScopes(scopes);
    const key = `${this.authorityHost}|${this.tenantId}|${this.clientId}|${normalized.join(' ')}`;
    const cached = await this.#cache.get(key, () => this.#acquire(normalized), options);
    return toAccessToken(cached);
  }

  async #acquire(scopes: string[]): Promise<CachedToken> {
    const result = await requestToken({
      tokenUrl: this.tokenUrl,
      clientId: this.clientId,
      scopes,
      clientAuthentication: (signal) => this.clientAuthentication(signal),
      options: this.#options,
      secrets: () => this.secrets(),
    });
    const lifetime = result.expiresInSeconds * 1000;
    const expiresOn = result.sentAt + lifetime;
    const refreshAfter =
      result.refreshInSeconds !== undefined
        ? result.sentAt + result.refreshInSeconds * 1000
        : lifetime > this.#options.refreshBeforeExpiry
          ? expiresOn - this.#options.refreshBeforeExpiry
          : result.sentAt + lifetime / 2;
    this.#options.logger.debug?.(
      `[mmd-auth] token for ${scopes.join(' ')} acquired; expires at ${new Date(expiresOn).toISOString()}`,
    );
    return { token: result.accessToken, expiresOn, refreshAfter };
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

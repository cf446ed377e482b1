/**
 * A token and when to stop using it, in the shape of `@azure/core-auth`'s `AccessToken`.
 * Printing it (`console.log`, `util.inspect`, `JSON.stringify`) shows `[REDACTED]` instead of the token.
 */
export interface AccessToken {
  /** The access token, to send as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** When the token expires, in milliseconds since the epoch (counted from when the request was sent). */
  readonly expiresOnTimestamp: number;
  /** When the credential starts refreshing it in the background, in milliseconds since the epoch. */
  readonly refreshAfterTimestamp: number;
  /** Always `"Bearer"`. */
  readonly tokenType: 'Bearer';
}

/** Options of one `getToken` call. */
export interface GetTokenOptions {
  /** Gives up waiting for the token when this signal aborts (other callers sharing the request are unaffected). */
  abortSignal?: AbortSignal;
  /**
   * Ignore the cached token and fetch a new one, for example after the API answered 401.
   * @default false
   */
  forceRefresh?: boolean;
}

/** Anything with a `getToken` in the shape of `@azure/core-auth`'s `TokenCredential`. */
export interface TokenCredential {
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken | null>;
}

/**
 * Where the credential writes what it does. `console` fits; so do pino and winston loggers.
 * Lines never contain secrets, assertions or tokens.
 */
export interface Logger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

/** Options every credential takes. */
export interface CommonCredentialOptions {
  /**
   * The Entra ID authority host: `https://login.microsoftonline.us` for US Government,
   * `https://login.chinacloudapi.cn` for China. Must be https; plain http is accepted only for
   * loopback addresses, for tests.
   * @default "https://login.microsoftonline.com" (or `AZURE_AUTHORITY_HOST` for `EnvironmentCredential`)
   */
  authorityHost?: string;
  /**
   * The `fetch` used for token requests, for proxies (an undici dispatcher) and tests. Looked up on
   * every request, so interceptors installed later (msw) still apply.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * How long one attempt at the token endpoint may take, in milliseconds, before it is abandoned
   * (and retried).
   * @default 10000
   */
  timeout?: number;
  /**
   * How many times a failed token request is retried (on 408, 429, 500, 502, 503, 504, timeouts and
   * network errors). 400 and 401 answers are never retried.
   * @default 3
   */
  maxRetries?: number;
  /**
   * How long before expiry the token is refreshed in the background, in milliseconds. Until it
   * expires, callers keep getting the cached token at once. A `refresh_in` sent by Entra wins.
   * @default 300000 (5 minutes)
   */
  refreshBeforeExpiry?: number;
  /**
   * Where to write warnings (a failed background refresh) and debug lines.
   * @default warnings and errors to `console`, nothing else
   */
  logger?: Logger;
}

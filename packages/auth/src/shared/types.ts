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
  /**
   * Gives up waiting for the token when this signal aborts, waits between retries included, so that
   * a caller that is shutting down is not held up. Other callers sharing the request are unaffected.
   * @default none (wait until the token comes or the retries are spent)
   */
  abortSignal?: AbortSignal;
  /**
   * Ignore the cached token and fetch a new one, for example after the API answered 401 (the token
   * was revoked, or its permissions changed).
   * @default false
   */
  forceRefresh?: boolean;
}

/** Anything with a `getToken` in the shape of `@azure/core-auth`'s `TokenCredential`. */
export interface TokenCredential {
  getToken(scopes?: string | string[], options?: GetTokenOptions): Promise<AccessToken | null>;
}

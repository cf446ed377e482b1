import type { Logger, LogLevel } from '@mmd-sdk/core';
import type { TokenCacheOptions } from '../cache/token-cache-options';

/** Options every credential takes. */
export interface CommonCredentialOptions {
  /**
   * The Entra ID authority host, for the national clouds: `https://login.microsoftonline.us` for US
   * Government, `https://login.chinacloudapi.cn` for China. Must be https; plain http is accepted
   * only for loopback addresses, for tests.
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
   * How long one attempt may take, in milliseconds, before it is abandoned (and retried), so that a
   * stalled endpoint cannot hang the caller: building the client authentication (an assertion
   * callback, a token file), sending the request and reading the whole answer all count. A
   * `getToken` call therefore settles within `timeout × (maxRetries + 1) + maxRetryDelay × maxRetries`.
   * @default 10000
   */
  timeout?: number;
  /**
   * How many times a failed token request is retried (on 408, 429, 500, 502, 503, 504, timeouts and
   * network errors), to ride out throttling and short outages. 400 and 401 answers are never retried.
   * @default 3
   */
  maxRetries?: number;
  /**
   * The longest wait before a retry, in milliseconds, whatever `Retry-After` asks; backoff waits
   * are capped too. Lower it where a caller cannot wait a minute (a command line).
   * @default 60000
   */
  maxRetryDelay?: number;
  /**
   * The largest token-endpoint answer read, in bytes after decompression, so that a broken or hostile
   * endpoint (a gzip bomb) cannot exhaust memory; a larger one fails with a `TokenRequestError`
   * without being read further. Entra's answers are about 2 KB.
   * @default 65536
   */
  maxResponseBytes?: number;
  /**
   * How long before expiry the token is refreshed in the background, in milliseconds, so that no
   * caller waits for a refresh. Until it expires, callers keep getting the cached token at once. A
   * `refresh_in` sent by Entra wins.
   * @default 300000 (5 minutes)
   */
  refreshBeforeExpiry?: number;
  /**
   * Where to write what the credential does (`console`, pino, winston). Lines never hold a secret,
   * an assertion or a token.
   * @default console
   */
  logger?: Logger;
  /**
   * The least severe lines written: `'off'`, `'error'`, `'warn'`, `'info'` or `'debug'`, to see
   * every attempt and retry while debugging and only failed background refreshes otherwise.
   * @default the MMD_LOG environment variable, else 'warn'
   */
  logLevel?: LogLevel;
  /**
   * A token store shared beyond this process (`{ store, encryptionKey? }`): `createFileTokenStore()`
   * for one machine, a Redis store for a fleet. A new or restarted process then starts with the token
   * another one fetched, and concurrent processes missing the same token send one request between
   * them. Entries are encrypted (AES-256-GCM) with `encryptionKey`, else the `MMD_TOKEN_CACHE_KEY`
   * environment variable. The in-memory cache stays in front (a warm call never reaches the store),
   * each store call is bounded by 1 second, and a store that fails only sends tokens requests
   * straight to the endpoint again, with one warning.
   * @default none (tokens are kept in this credential's memory only)
   */
  cache?: TokenCacheOptions;
}

/** The Microsoft Entra ID authority host of the public cloud. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The option names every credential takes, besides its own. */
export const COMMON_OPTION_NAMES: readonly (keyof CommonCredentialOptions)[] = [
  'authorityHost',
  'fetch',
  'timeout',
  'maxRetries',
  'maxRetryDelay',
  'maxResponseBytes',
  'refreshBeforeExpiry',
  'logger',
  'logLevel',
  'cache',
];

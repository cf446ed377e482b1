import type { Logger, LogLevel } from '@mmd-sdk/core';
import type { MmdTokenCredential } from '../call/token-source';

export const DEFAULT_BASE_URL = 'https://mmdls.microsoft.com/support/odata/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** The largest answer read: a page of 1,000 devices with every field is about 1.5 MB. */
export { DEFAULT_MAX_RESPONSE_BYTES } from '@mmd-sdk/core';

/** Options of `createMmdClient`. Give one of `credential`, `getToken` or `clientId` + `clientSecret`. */
export interface MmdClientOptions {
  /**
   * Where tokens come from: any object with `getToken(scopes)` returning `{ token, expiresOnTimestamp }`,
   * such as the credentials of `@mmd-sdk/mmd-auth` or `@azure/identity`. Asked on every request; its cache
   * makes that cheap.
   */
  credential?: MmdTokenCredential;
  /** Alternatively, a function returning a bearer token. It cannot be told to refresh after a 401. */
  getToken?: () => Promise<string>;
  /**
   * The tenant's Entra ID (a GUID). Fills `path.tenantId` of every tenant-scoped operation; a
   * per-call value wins. With `clientId` and `clientSecret` it also builds a `ClientSecretCredential`.
   */
  tenantId?: string;
  /** With `tenantId` and `clientSecret`: the application (client) ID of the app registration. */
  clientId?: string;
  /** With `tenantId` and `clientId`: the client secret's Value. */
  clientSecret?: string;
  /**
   * With `clientSecret`: the Entra ID authority host the built credential asks for tokens, such as
   * the mock tenant's URL or `https://login.microsoftonline.us`.
   * @default "https://login.microsoftonline.com"
   */
  authorityHost?: string;
  /**
   * The scopes asked of the credential.
   * @default "https://mwaas-services-customerapi-prod.azurewebsites.net/.default"
   */
  scopes?: string | string[];
  /**
   * The API's base URL; the bearer token is only ever sent below it. https, or plain http to a
   * loopback address (the mock tenant).
   * @default "https://mmdls.microsoft.com/support/odata/v1"
   */
  baseUrl?: string;
  /**
   * Milliseconds one attempt may take before it is abandoned with a `TimeoutError` (or retried, for
   * GET): getting the token, sending the request and reading the whole answer all count. A call
   * therefore settles within `timeout × (maxRetries + 2) + maxRetryDelay × (maxRetries + 1)` (the
   * extra attempt is the one retry with a fresh token after a 401).
   * @default 30000
   */
  timeout?: number;
  /**
   * How many times a failed call is retried: every method on 429, every method but POST on 503 with
   * `Retry-After`, GET also on 408, 500, 502, 503, 504, timeouts and connection errors.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest wait before a retry, in milliseconds, whatever `Retry-After` asks; backoff waits are
   * capped too. Lower it where a person is waiting.
   * @default 60000
   */
  maxRetryDelay?: number;
  /**
   * The largest answer read, in bytes after decompression; a larger one fails with a
   * `ResponseTooLargeError` without being read further. The default fits the largest page the API
   * serves many times over; lower it when you page with a small `$top`.
   * @default 16777216 (16 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Where to write what the client does (`console`, pino, winston); the lines of a credential built
   * from `clientSecret` go there too. Lines never hold a secret or a token.
   * @default console
   */
  logger?: Logger;
  /**
   * The least severe lines written: `'off'`, `'error'`, `'warn'`, `'info'` or `'debug'`. It applies
   * to every line the client causes, those of a credential built from `clientSecret` included.
   * @default the MMD_LOG environment variable, else 'warn'
   */
  logLevel?: LogLevel;
  /**
   * The `fetch` used for API calls (and token requests of the `clientSecret` shortcut), for proxies
   * and tests. Looked up per request, so msw still applies.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Prefixed to the `User-Agent` header, `<userAgent> mmd-sdk-js/<version> node/<version>`, so the
   * service's logs can tell your app apart.
   */
  userAgent?: string;
  /**
   * Sends the active OpenTelemetry trace context (a W3C `traceparent`, through the application's
   * propagator) with every API request, so that a tracing gateway in front of the API can join the
   * trace. Off by default: it tells the service which of your traces each call belongs to. Never sent
   * to the token endpoint. Needs `@opentelemetry/api` installed.
   * @default false
   */
  propagateTraceContext?: boolean;
}

/** Every option `createMmdClient` knows; any other key is refused. */
export const CLIENT_OPTION_NAMES: readonly (keyof MmdClientOptions)[] = [
  'credential',
  'getToken',
  'tenantId',
  'clientId',
  'clientSecret',
  'authorityHost',
  'scopes',
  'baseUrl',
  'timeout',
  'maxRetries',
  'maxRetryDelay',
  'maxResponseBytes',
  'logger',
  'logLevel',
  'fetch',
  'userAgent',
  'propagateTraceContext',
];

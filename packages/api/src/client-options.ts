import type { MmdLogger, MmdLogLevel } from './logger';
import type { MmdTokenCredential } from './token-source';

export const DEFAULT_BASE_URL = 'https://mmdls.microsoft.com/support/odata/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

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
   * Milliseconds one attempt may take before it is abandoned with a `TimeoutError` (or retried, for GET).
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
   * Where to write what the client does (`console`, pino, winston). Lines never hold a token.
   * @default console
   */
  logger?: MmdLogger;
  /**
   * The least severe lines written: `'off'`, `'error'`, `'warn'`, `'info'` or `'debug'`.
   * @default the MMD_LOG environment variable, else 'warn'
   */
  logLevel?: MmdLogLevel;
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
}

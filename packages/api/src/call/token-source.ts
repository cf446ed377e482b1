import { isBearerTokenSyntax } from '@mmd-sdk/core';
import {
  ClientSecretCredential,
  type Logger,
  type LogLevel,
  MmdConfigurationError,
  TokenRequestError,
} from '@mmd-sdk/mmd-auth';

/** Anything with a `getToken` in the shape of `@azure/core-auth`'s `TokenCredential`, such as every `@azure/identity` credential. */
export interface MmdTokenCredential {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal; forceRefresh?: boolean },
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** Where the client gets its bearer token. */
export interface TokenSource {
  /** A token for the next attempt; the caller bounds the wait (`Deadline.race`). */
  getToken(): Promise<string>;
  /**
   * A token after `refused` was answered 401: a new one only while `refused` is still the newest
   * token, so any number of concurrent refusals of one token cause one token request.
   */
  refreshAfterRefusal(refused: string): Promise<string>;
}

export interface TokenSourceOptions {
  credential?: unknown;
  getToken?: unknown;
  tenantId?: unknown;
  clientId?: unknown;
  clientSecret?: unknown;
  authorityHost?: unknown;
  scopes: string | string[];
  fetch?: typeof fetch;
  /** The client's bounds, which the `clientSecret` shortcut's credential follows too. */
  timeout: number;
  maxRetries: number;
  maxRetryDelay: number;
  logger: Logger;
  logLevel: LogLevel;
}

function checkToken(token: unknown): string {
  // Never quoted: a value that is not a bearer token is refused without showing it.
  if (!isBearerTokenSyntax(token)) {
    throw new TokenRequestError(
      'the credential returned no usable bearer token (a non-empty RFC 6750 token was expected); check the credential passed to createMmdClient.',
      { retryable: false, attempts: 0 },
    );
  }
  return token;
}

type Fetcher = (forceRefresh: boolean) => Promise<string>;

function fetcherOf(options: TokenSourceOptions): Fetcher {
  const { credential, getToken, scopes } = options;
  if (credential !== undefined) {
    if (credential === null || typeof (credential as MmdTokenCredential).getToken !== 'function') {
      throw new MmdConfigurationError(
        'credential',
        'credential must have a getToken(scopes) method, like every @azure/identity credential.',
      );
    }
    const source = credential as MmdTokenCredential;
    // No abortSignal: the attempt's deadline bounds the wait, and a warm cache is cheapest without options.
    return async (forceRefresh) =>
      checkToken((await source.getToken(scopes, forceRefresh ? { forceRefresh } : undefined))?.token);
  }
  if (getToken !== undefined) {
    if (typeof getToken !== 'function') {
      throw new MmdConfigurationError('getToken', 'getToken must be a function returning a bearer token.');
    }
    return async () => checkToken(await (getToken as () => unknown)());
  }
  if (options.clientSecret !== undefined) {
    const secretCredential = new ClientSecretCredential({
      tenantId: options.tenantId as string,
      clientId: options.clientId as string,
      clientSecret: options.clientSecret as string,
      ...(options.authorityHost !== undefined ? { authorityHost: options.authorityHost as string } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // The token leg of a call follows the client's own bounds.
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      maxRetryDelay: options.maxRetryDelay,
      logger: options.logger,
      logLevel: options.logLevel,
    });
    return async (forceRefresh) =>
      (await secretCredential.getToken(scopes, forceRefresh ? { forceRefresh } : undefined)).token;
  }
  throw new MmdConfigurationError(
    'credential',
    'createMmdClient needs a credential: pass credential (a ClientSecretCredential, ClientCertificateCredential, EnvironmentCredential or any @azure/identity credential), getToken, or tenantId + clientId + clientSecret.',
  );
}

/** Picks the token source from `credential`, `getToken`, or the `tenantId` + `clientId` + `clientSecret` shortcut. */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const given = [options.credential, options.getToken, options.clientSecret].filter(
    (value) => value !== undefined,
  );
  if (given.length > 1) {
    throw new MmdConfigurationError(
      'credential',
      'createMmdClient takes one of credential, getToken or clientSecret, not several.',
    );
  }
  if (options.clientSecret === undefined && options.authorityHost !== undefined) {
    throw new MmdConfigurationError(
      'authorityHost',
      'authorityHost goes with the clientSecret shortcut; with a credential, set it on the credential.',
    );
  }
  const fetchToken = fetcherOf(options);
  let newest: string | undefined;
  let refresh: { refused: string; token: Promise<string> } | undefined;
  const remember = (token: string) => {
    newest = token;
    return token;
  };
  return {
    getToken: () => fetchToken(false).then(remember),
    refreshAfterRefusal(refused) {
      if (newest !== undefined && newest !== refused) return Promise.resolve(newest);
      if (refresh?.refused !== refused) {
        // Shared by every caller refused with this token; its own deadline is the credential's.
        const token = fetchToken(true).then(remember);
        const current = { refused, token };
        refresh = current;
        token.then(
          () => {},
          () => {
            if (refresh === current) refresh = undefined;
          },
        );
      }
      return refresh.token;
    },
  };
}

import type { AccessToken, GetTokenOptions, TokenCredential } from '@mmd-sdk/mmd-auth';

type Auth = typeof import('@mmd-sdk/mmd-auth');

export interface SecretWhenUncachedOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** The credential options but the secret: authority host, cache, logger, retries, timeout. */
  readonly common: Record<string, unknown>;
  /** Asks for the secret (a prompt); called at most once, and only when no cached token will do. */
  readonly ask: () => Promise<string>;
}

/**
 * A client-secret credential that asks for the secret only when it needs one. The token cache is
 * read first by a twin credential whose `fetch` sends nothing; when it holds a valid token, that
 * token is used and no prompt is shown. Otherwise the secret is asked for once.
 */
export function secretWhenUncached(auth: Auth, options: SecretWhenUncachedOptions): TokenCredential {
  let wantedNetwork = false;
  const cacheOnly = new auth.ClientSecretCredential({
    tenantId: options.tenantId,
    clientId: options.clientId,
    // Never sent: this twin's fetch refuses every request.
    clientSecret: 'cache-lookup-only',
    ...options.common,
    maxRetries: 0,
    logLevel: 'off',
    fetch: async () => {
      wantedNetwork = true;
      throw new Error('no cached token');
    },
  });
  let withSecret: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes?: string | string[], getOptions?: GetTokenOptions): Promise<AccessToken | null> {
      if (!withSecret) {
        try {
          return await cacheOnly.getToken(scopes, getOptions);
        } catch (error) {
          if (!wantedNetwork) throw error;
        }
        withSecret = options.ask().then(
          (clientSecret) =>
            new auth.ClientSecretCredential({
              tenantId: options.tenantId,
              clientId: options.clientId,
              clientSecret,
              ...options.common,
            }),
        );
      }
      return (await withSecret).getToken(scopes, getOptions);
    },
  };
}

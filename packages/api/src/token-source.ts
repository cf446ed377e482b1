import { ClientSecretCredential, type CommonCredentialOptions } from '@mmd-sdk/mmd-auth';
import { MmdConfigurationError } from './errors';

/** Anything with a `getToken` in the shape of `@azure/core-auth`'s `TokenCredential`, such as every `@azure/identity` credential. */
export interface MmdTokenCredential {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal; forceRefresh?: boolean },
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** Where the client gets its bearer token. */
export interface TokenSource {
  /** A token for the next request; `forceRefresh` after a 401. */
  getToken(options: { forceRefresh: boolean; signal: AbortSignal | undefined }): Promise<string>;
}

export interface TokenSourceOptions {
  credential?: MmdTokenCredential;
  getToken?: () => Promise<string>;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  scopes: string | string[];
  fetch?: typeof fetch;
  logger?: CommonCredentialOptions['logger'];
}

function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token === '') {
    throw new MmdConfigurationError(
      'the credential returned no token; check the credential passed to createMmdClient.',
    );
  }
  return token;
}

/** Picks the token source from `credential`, `getToken`, or the `tenantId` + `clientId` + `clientSecret` shortcut. */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const given = [options.credential, options.getToken, options.clientSecret].filter(
    (value) => value !== undefined,
  ).length;
  if (given > 1) {
    throw new MmdConfigurationError(
      'createMmdClient takes one of credential, getToken or clientSecret, not several.',
    );
  }
  const { credential, getToken, scopes } = options;
  if (credential !== undefined) {
    if (typeof credential?.getToken !== 'function') {
      throw new MmdConfigurationError(
        'credential must have a getToken(scopes) method, like every @azure/identity credential.',
      );
    }
    return {
      getToken: async ({ forceRefresh, signal }) => {
        const accessToken = await credential.getToken(scopes, {
          forceRefresh,
          ...(signal ? { abortSignal: signal } : {}),
        });
        return checkToken(accessToken?.token);
      },
    };
  }
  if (getToken !== undefined) {
    if (typeof getToken !== 'function')
      throw new MmdConfigurationError('getToken must be a function returning a token.');
    return { getToken: async () => checkToken(await getToken()) };
  }
  if (options.clientSecret !== undefined) {
    const secretCredential = new ClientSecretCredential({
      tenantId: options.tenantId as string,
      clientId: options.clientId as string,
      clientSecret: options.clientSecret,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return {
      getToken: async ({ forceRefresh, signal }) =>
        (
          await secretCredential.getToken(scopes, {
            forceRefresh,
            ...(signal ? { abortSignal: signal } : {}),
          })
        ).token,
    };
  }
  throw new MmdConfigurationError(
    'createMmdClient needs a credential: pass credential (a ClientSecretCredential, ClientCertificateCredential, EnvironmentCredential or any @azure/identity credential), getToken, or tenantId + clientId + clientSecret.',
  );
}

import { isBearerTokenSyntax, MMD_SCOPE, MmdConfigurationError } from '@mmd-sdk/core';
import type { TokenCredential } from './shared/types';
import { TokenRequestError } from './token-endpoint/token-request-error';

/**
 * Turns a credential into a function that returns a bearer token string, for clients that take a
 * `() => Promise<string>` (fetch wrappers, Kiota, the OpenAI SDK's `azureADTokenProvider`).
 * @param scopes the scopes to ask for.
 * @default scopes MMD_SCOPE
 */
export function getBearerTokenProvider(
  credential: TokenCredential,
  scopes: string | string[] = MMD_SCOPE,
): () => Promise<string> {
  if (credential === null || typeof credential !== 'object' || typeof credential.getToken !== 'function') {
    throw new MmdConfigurationError(
      'credential',
      'getBearerTokenProvider needs a credential with a getToken(scopes) method, such as a ClientSecretCredential.',
    );
  }
  return async () => {
    const accessToken = await credential.getToken(scopes);
    if (!isBearerTokenSyntax(accessToken?.token)) {
      throw new TokenRequestError('the credential returned no usable bearer token.', {
        retryable: false,
        attempts: 0,
      });
    }
    return accessToken.token;
  };
}

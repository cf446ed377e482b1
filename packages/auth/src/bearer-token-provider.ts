import { MMD_SCOPE } from './constants';
import { AuthenticationError } from './errors';
import type { TokenCredential } from './types';

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
  return async () => {
    const accessToken = await credential.getToken(scopes);
    if (!accessToken?.token) throw new AuthenticationError('the credential returned no token.');
    return accessToken.token;
  };
}

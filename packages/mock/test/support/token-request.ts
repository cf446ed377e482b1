import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from '../../src/server';

/** The scope of the MMD API, as a client-credentials request asks for it. */
export const MMD_SCOPE = 'https://mwaas-services-customerapi-prod.azurewebsites.net/.default';

/** Who asks for a token; the mock's default tenant and app unless told. */
export interface TokenRequester {
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/**
 * Asks the token endpoint below `authorityHost` (the mock server's `url`, or Entra's host that msw
 * answers) for an access token with a client secret, as curl would; returns the token.
 */
export async function requestToken(authorityHost: string, requester: TokenRequester = {}): Promise<string> {
  const response = await fetch(`${authorityHost}/${requester.tenantId ?? MOCK_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: requester.clientId ?? MOCK_CLIENT_ID,
      client_secret: requester.clientSecret ?? MOCK_CLIENT_SECRET,
      grant_type: 'client_credentials',
      scope: MMD_SCOPE,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

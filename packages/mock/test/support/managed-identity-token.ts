import { createMmdClient } from '@mmd-sdk/mmd-api';

/** The MMD API resource, as a managed identity request names it. */
export const MMD_RESOURCE = 'https://mwaas-services-customerapi-prod.azurewebsites.net';

/** The claims of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** A managed identity endpoint as code on Azure reaches it: the token URL and the headers to send. */
export interface IdentityEndpointRequest {
  /** The token URL with its query (`api-version`, `resource`, the identity's parameter). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The IMDS request for the MMD API's resource below `tokenUrl`, with `extra` query parameters. */
export function imdsRequest(tokenUrl: string, extra: Record<string, string> = {}): IdentityEndpointRequest {
  const query = new URLSearchParams({ 'api-version': '2018-02-01', resource: MMD_RESOURCE, ...extra });
  return { url: `${tokenUrl}?${query}`, headers: { metadata: 'true' } };
}

/** The App Service request for the MMD API's resource, as `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` give it. */
export function appServiceRequest(
  identityEndpoint: string,
  identityHeader: string,
  extra: Record<string, string> = {},
): IdentityEndpointRequest {
  const query = new URLSearchParams({ resource: MMD_RESOURCE, 'api-version': '2019-08-01', ...extra });
  return { url: `${identityEndpoint}?${query}`, headers: { 'x-identity-header': identityHeader } };
}

/** Sends the request; returns the status, the JSON body and the headers. */
export async function ask(
  endpoint: IdentityEndpointRequest,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(endpoint.url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? endpoint.headers,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/**
 * An SDK client whose `getToken` fetches from a managed identity endpoint, as code on a VM or in App
 * Service would: any credential that reads the endpoint works the same way.
 */
export function clientWithManagedIdentity(
  endpoint: IdentityEndpointRequest,
  tenantId: string,
  baseUrl?: string,
) {
  return createMmdClient({
    tenantId,
    ...(baseUrl ? { baseUrl } : {}),
    logLevel: 'off',
    getToken: async () => {
      const response = await fetch(endpoint.url, { headers: endpoint.headers });
      if (!response.ok) throw new Error(`the managed identity endpoint answered ${response.status}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
  });
}

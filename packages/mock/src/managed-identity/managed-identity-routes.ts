/** Where IMDS serves managed identity tokens, on 169.254.169.254 and on the local server. */
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';
/** Where the local server serves App Service's token endpoint (`IDENTITY_ENDPOINT`), as Container Apps do. */
export const APP_SERVICE_TOKEN_PATH = '/msi/token';
/** The origin IMDS answers on in Azure, where the MSW handlers serve it. */
export const IMDS_ORIGIN = 'http://169.254.169.254';
/** The `IDENTITY_ENDPOINT` the MSW handlers serve by default (a loopback URL, as App Service's is). */
export const DEFAULT_MSW_IDENTITY_ENDPOINT = 'http://127.0.0.1:41564/msi/token';

/** The managed identity endpoint a path of the local server names, if any. */
export function managedIdentityEndpointOf(path: string): 'imds' | 'appService' | undefined {
  if (path === IMDS_TOKEN_PATH) return 'imds';
  if (path === APP_SERVICE_TOKEN_PATH) return 'appService';
  return undefined;
}

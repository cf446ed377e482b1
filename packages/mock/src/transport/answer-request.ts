import { ApiFailure } from '../api/api-failure';
import { apiPathMethods } from '../api/api-routes';
import { authorityPathMethods } from '../entra/authority-routes';
import { managedIdentityEndpointOf } from '../managed-identity/managed-identity-routes';
import type { MockTenantModel } from '../model/mock-tenant-model';

/** Where the local server serves the API; the authority endpoints are at the root of the same origin. */
export const API_BASE_PATH = '/support/odata/v1';

function isApiPath(path: string): boolean {
  return path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`);
}

/** The methods a path of the local server answers; `undefined` when it names nothing. */
export function serverPathMethods(path: string): readonly string[] | undefined {
  if (managedIdentityEndpointOf(path)) return ['GET'];
  return isApiPath(path) ? apiPathMethods(path.slice(API_BASE_PATH.length)) : authorityPathMethods(path);
}

/**
 * Answers one request to the local server: the API below `API_BASE_PATH`, the managed identity
 * endpoints (App Service's checks `X-IDENTITY-HEADER` against `identityHeader`), the authority
 * endpoints elsewhere, and a 404 for a path that names none.
 */
export async function answerServerRequest(
  request: Request,
  model: MockTenantModel,
  identityHeader: string,
): Promise<Response> {
  const path = new URL(request.url).pathname;
  const managedIdentity = managedIdentityEndpointOf(path);
  if (managedIdentity === 'imds') return model.handleManagedIdentity(request, { kind: 'imds' });
  if (managedIdentity === 'appService') {
    return model.handleManagedIdentity(request, { kind: 'appService', identityHeader });
  }
  if (isApiPath(path)) return model.handleApi(request, path.slice(API_BASE_PATH.length));
  return (
    (await model.handleAuthority(request, path)) ??
    ApiFailure.odata(404, 'No such endpoint on the mock tenant.').toResponse()
  );
}

import { ApiFailure } from '../api/api-failure';
import type { MockTenantData } from '../model/tenant-state';
import { MALFORMED_PATH_MESSAGE } from '../transport/decode-path';
import { readRequestBody } from '../transport/read-request-body';
import { matchAuthorityRoute } from './authority-routes';
import { instanceDiscovery, openIdConfiguration } from './discovery-documents';
import { entraErrorResponse } from './entra-error-response';
import type { EntraTokenService } from './entra-token-service';

/** What the authority endpoints need from the model. */
interface AuthorityContext {
  readonly entra: EntraTokenService;
  findTenant(idOrDomain: string): MockTenantData | undefined;
  /** Called before the token endpoint answers: injected latency and the request count. */
  beforeTokenRequest(): Promise<void>;
}

const FORM = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

function decodeTenant(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function token(
  request: Request,
  tenantSegment: string,
  tenant: string,
  origin: string,
  context: AuthorityContext,
): Promise<Response> {
  await context.beforeTokenRequest();
  if (!FORM.test(request.headers.get('content-type') ?? '')) {
    // Entra reads the body only as a form; anything else reads as a form without grant_type.
    return entraErrorResponse(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'. Send the body as application/x-www-form-urlencoded.",
    );
  }
  let body: string;
  try {
    body = await readRequestBody(request);
  } catch (error) {
    if (error instanceof ApiFailure) return error.toResponse();
    throw error;
  }
  return context.entra.issue(
    tenant,
    new URLSearchParams(body),
    `${origin}/${tenantSegment}/oauth2/v2.0/token`,
  );
}

/**
 * Answers a request to the authority host (`path` from its root): the token endpoint, the OpenID
 * configuration, instance discovery and the signing keys; `undefined` for any other path. A method an
 * endpoint does not take is a 405 with `Allow` (Entra's AADSTS900561 body); a malformed tenant
 * segment is a 400.
 */
export async function answerAuthorityRequest(
  request: Request,
  path: string,
  context: AuthorityContext,
): Promise<Response | undefined> {
  const route = matchAuthorityRoute(path);
  if (!route) return undefined;
  const tenant = route.tenantSegment === undefined ? '' : decodeTenant(route.tenantSegment);
  if (tenant === undefined) return ApiFailure.odata(400, MALFORMED_PATH_MESSAGE).toResponse();
  const method = request.method.toUpperCase();
  if (method !== route.method) {
    return entraErrorResponse(
      405,
      'invalid_request',
      900561,
      `The endpoint only accepts ${route.method} requests. Received a ${method} request.`,
      { allow: route.method },
    );
  }
  const origin = new URL(request.url).origin;
  switch (route.endpoint) {
    case 'token':
      return token(request, route.tenantSegment ?? '', tenant, origin, context);
    case 'openidConfiguration':
      return openIdConfiguration(origin, tenant, context.findTenant(tenant));
    case 'keys':
      return context.entra.jwks();
    case 'instanceDiscovery':
      return instanceDiscovery(origin);
  }
}

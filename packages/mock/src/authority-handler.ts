import { ApiFailure } from './api-failure';
import { matchAuthorityRoute } from './authority-routes';
import { MALFORMED_PATH_MESSAGE } from './decode-path';
import { entraErrorResponse } from './entra-errors';
import type { EntraTokenService } from './entra-token-service';
import type { MockTenantData } from './mock-tenant-data';
import { readRequestBody } from './read-request-body';

/** What the authority endpoints need from the model. */
export interface AuthorityContext {
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

function openIdConfiguration(origin: string, tenantSegment: string, context: AuthorityContext): Response {
  const tenant = context.findTenant(tenantSegment);
  if (!tenant) {
    return Response.json(
      {
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${tenantSegment}' not found.`,
        error_codes: [90002],
      },
      { status: 400 },
    );
  }
  const base = `${origin}/${tenant.tenantId}`;
  return Response.json({
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenant.tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${origin}/${tenant.tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'ver'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: new URL(origin).host,
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
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
      return openIdConfiguration(origin, tenant, context);
    case 'keys':
      return context.entra.jwks();
    case 'instanceDiscovery': {
      const host = new URL(origin).host;
      return Response.json({
        tenant_discovery_endpoint: `${origin}/{tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
  }
}

import type { MockTenantData } from '../model/tenant-state';

/**
 * The OpenID configuration of a tenant (`GET /{tenant}/v2.0/.well-known/openid-configuration`), every
 * URL on `origin` (the scheme and host the client asked): what MSAL and `@azure/identity` read first.
 * Entra's AADSTS90002 answer when `tenant` is undefined (`tenantSegment` names no tenant).
 */
export function openIdConfiguration(
  origin: string,
  tenantSegment: string,
  tenant: MockTenantData | undefined,
): Response {
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

/**
 * The instance discovery answer (`GET /common/discovery/instance`): the mock's own host as the one
 * alias, and its OpenID configuration's URL template on `origin`.
 */
export function instanceDiscovery(origin: string): Response {
  const host = new URL(origin).host;
  return Response.json({
    tenant_discovery_endpoint: `${origin}/{tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

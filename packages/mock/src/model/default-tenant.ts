import type { Persona } from './api-resources';
import type { MockTenantConfig } from './mock-tenant-options';

/** The ID of the tenant the mock models when no `tenants` option is given. */
export const MOCK_TENANT_ID = 'c8a1f3d2-5b7e-4a9c-8d6f-1e2b3c4d5e6f';
/** The verified domain of that tenant; the token endpoint accepts it in place of the ID. */
export const MOCK_TENANT_DOMAIN = 'contoso.onmicrosoft.com';
/** The client ID of that tenant's one app registration. */
export const MOCK_CLIENT_ID = 'f4e3d2c1-b0a9-4876-9543-210fedcba987';
/** The client secret that app accepts: a test value of the mock, not a real secret. */
export const MOCK_CLIENT_SECRET = 'mock8Q~client.secret-VALUE_0123456789abcd';

/** The profiles a tenant enables unless its config says otherwise (Kiosk is not, as in the docs' error example). */
export const DEFAULT_ENABLED_PROFILES: readonly Persona[] = ['SensitiveData', 'Standard', 'PowerUser'];

/** The tenants the mock models when no `tenants` option is given: a fresh list each call. */
export function defaultTenants(): MockTenantConfig[] {
  return [
    {
      tenantId: MOCK_TENANT_ID,
      domain: MOCK_TENANT_DOMAIN,
      apps: [{ clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, displayName: 'mmd-sdk-mock-app' }],
    },
  ];
}

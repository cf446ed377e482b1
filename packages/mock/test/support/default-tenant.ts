import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_DOMAIN,
  MOCK_TENANT_ID,
  type MockAppRegistration,
  type MockTenantConfig,
} from '../../src/server';

/**
 * The mock's default tenant, its default app given `app`'s settings too (certificates, a display
 * name), followed by `otherApps`: for a `tenants` option that keeps the default credentials working.
 */
export function defaultTenantWith(
  app: Omit<MockAppRegistration, 'clientId'>,
  ...otherApps: MockAppRegistration[]
): MockTenantConfig {
  return {
    tenantId: MOCK_TENANT_ID,
    domain: MOCK_TENANT_DOMAIN,
    apps: [{ clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, ...app }, ...otherApps],
  };
}

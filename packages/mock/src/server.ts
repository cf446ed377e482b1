export { MockConfigurationError } from './mock-configuration-error';
export {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_DOMAIN,
  MOCK_TENANT_ID,
  type MockFaults,
  type MockTenantConfig,
  type MockTenantOptions,
} from './mock-options';
export type { MockAppRegistration, MockTenantData } from './mock-tenant-data';
export { type MockStats, MockTenantModel } from './mock-tenant-model';
export { API_BASE_PATH, type MockServer, type MockServerOptions, startMockServer } from './start-mock-server';

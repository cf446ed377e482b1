export { createMockTenant, type MockTenant, type MockTenantHandlersOptions } from './create-mock-tenant';
export {
  createTestCertificate,
  type TestCertificate,
  type TestCertificateOptions,
} from './create-test-certificate';
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
export type {
  MockConfiguration,
  MockDevice,
  MockElevationRequest,
  MockGroup,
  MockTicket,
  MockTicketNote,
  Persona,
  UpdateRing,
} from './model-types';
export { API_BASE_PATH, type MockServer, type MockServerOptions, startMockServer } from './start-mock-server';

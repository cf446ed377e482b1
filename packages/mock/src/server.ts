// The entry point without msw: the local server, the model and their options.
export type { MockManagedIdentityEndpoints } from './managed-identity/managed-identity-endpoints';
export type { MockAppRegistration } from './model/app-registration';
export {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_DOMAIN,
  MOCK_TENANT_ID,
} from './model/default-tenant';
export type { MockManagedIdentityInfo } from './model/managed-identities';
export type {
  MockManagedIdentityFailures,
  MockManagedIdentityOptions,
  MockSystemAssignedIdentity,
  MockUserAssignedIdentity,
} from './model/managed-identity-options';
export { type MockStats, MockTenantModel } from './model/mock-tenant-model';
export type { MockFaults, MockTenantConfig, MockTenantOptions } from './model/mock-tenant-options';
export type { MockTenantData } from './model/tenant-state';
export { MockConfigurationError } from './options/mock-configuration-error';
export { API_BASE_PATH } from './transport/answer-request';
export {
  createMockFetch,
  MOCK_FETCH_ORIGIN,
  type MockFetchTenant,
} from './transport/create-mock-fetch';
export type { MockServerOptions, MockServerTlsOptions } from './transport/mock-server-options';
export { type MockServer, type MockServerTls, startMockServer } from './transport/start-mock-server';

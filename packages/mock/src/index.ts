// The main entry point: everything `./server` has, plus the MSW handlers (msw is an optional peer),
// test certificates and the shapes of the data.
export {
  createTestCertificate,
  type TestCertificate,
  type TestCertificateOptions,
} from './certificates/create-test-certificate';
export type {
  MockConfiguration,
  MockDevice,
  MockElevationRequest,
  MockGroup,
  MockTicket,
  MockTicketNote,
  Persona,
  UpdateRing,
} from './model/api-resources';
export * from './server';
export {
  createMockTenant,
  type MockTenant,
  type MockTenantHandlersOptions,
} from './transport/create-mock-tenant';

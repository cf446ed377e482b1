import { createMmdClient } from '@mmd-sdk/mmd-api';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockTenant, type MockTenant, type MockTenantHandlersOptions } from '../../src/index';
import { SIGNING_KEY } from './signing-key';

/** A fresh mock tenant per test, served through msw; returns a getter for the current one. */
export function useMockTenant(tenantOptions: MockTenantHandlersOptions = {}) {
  const options = { signingKey: SIGNING_KEY, ...tenantOptions };
  const server = setupServer();
  let current = createMockTenant(options);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    current = createMockTenant(options);
    server.use(...current.handlers);
  });
  afterAll(() => server.close());
  server.use(...current.handlers);
  return { server, tenant: () => current };
}

/** An SDK client of a mock tenant served through msw, with its default app's secret. */
export function clientFor(tenant: MockTenant, options: { maxRetries?: number; maxRetryDelay?: number } = {}) {
  return createMmdClient({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    logLevel: 'off',
    ...options,
  });
}

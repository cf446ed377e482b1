import { generateKeyPairSync } from 'node:crypto';
import { createMmdClient } from '@mmd-sdk/mmd-api';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockTenant, type MockTenantHandlersOptions } from '../src/index';

/** A fresh mock tenant per test, served through msw; returns a getter for the current one. */
export function useMockTenant(tenantOptions: MockTenantHandlersOptions = {}) {
  const options = {
    signingKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    ...tenantOptions,
  };
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

export function clientFor(
  tenant: ReturnType<typeof createMockTenant>,
  options: { maxRetries?: number } = {},
) {
  return createMmdClient({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    logLevel: 'off',
    ...options,
  });
}

import { generateKeyPairSync } from 'node:crypto';
import { ClientSecretCredential, createMmdClient } from '@mmd-sdk/mmd-api';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockTenant, type MockTenantHandlersOptions } from '../src/index';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID, type MockServer } from '../src/server';

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

/** A client of a running mock server, authenticated through the server's own token endpoint. */
export function clientForServer(
  server: MockServer,
  options: { fetch?: typeof fetch; maxRetries?: number } = {},
) {
  const credential = new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID,
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    authorityHost: server.url,
  });
  return createMmdClient({
    credential,
    tenantId: MOCK_TENANT_ID,
    baseUrl: server.baseUrl,
    logLevel: 'off',
    ...options,
  });
}

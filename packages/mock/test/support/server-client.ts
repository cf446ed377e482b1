import { ClientSecretCredential, createMmdClient } from '@mmd-sdk/mmd-api';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID, type MockServer } from '../../src/server';

/** A client of a running mock server, authenticated through the server's own token endpoint. */
export function clientForServer(
  server: MockServer,
  options: { fetch?: typeof fetch; maxRetries?: number; timeout?: number } = {},
) {
  const credential = new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID,
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    authorityHost: server.url,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return createMmdClient({
    credential,
    tenantId: MOCK_TENANT_ID,
    baseUrl: server.baseUrl,
    logLevel: 'off',
    ...options,
  });
}

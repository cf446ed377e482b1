// The mock tenant's MSW handlers in this process, on the real host names: the same network layer for
// our credential (fetch), MSAL Node and @azure/identity (node:https), with request counts.
import { createMockTenant } from '@mmd-sdk/mmd-mock';
import { setupServer } from 'msw/node';

export function startInProcessTenant(options = {}) {
  const tenant = createMockTenant(options);
  const server = setupServer(...tenant.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return { tenant, close: () => server.close() };
}

import { ClientSecretCredential } from '@azure/identity';
import { hasRealTenant } from '@mmd-sdk/example-shared';
import { createMmdClient } from '@mmd-sdk/mmd-api';
import { createMockTenant, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from '@mmd-sdk/mmd-mock';
import { setupServer } from 'msw/node';

// @azure/identity accepts only https authority hosts and reads the tenant's OpenID metadata first,
// so against the mock this example serves the mock's MSW handlers in-process, on the real host
// names: every request stays inside this process.
const real = hasRealTenant();
const mock = real ? undefined : createMockTenant();
const server = mock ? setupServer(...mock.handlers) : undefined;
server?.listen({ onUnhandledRequest: 'error' });

try {
  const tenantId = real ? (process.env.AZURE_TENANT_ID as string) : MOCK_TENANT_ID;
  console.log(
    real
      ? `Target: real tenant ${tenantId} (AZURE_* variables), through @azure/identity`
      : 'Target: built-in mock tenant, in-process on login.microsoftonline.com and mmdls.microsoft.com (MSW), through @azure/identity',
  );
  if (real && !process.env.AZURE_CLIENT_SECRET) {
    throw new Error('this example uses @azure/identity ClientSecretCredential; set AZURE_CLIENT_SECRET');
  }
  const credential = new ClientSecretCredential(
    tenantId,
    real ? (process.env.AZURE_CLIENT_ID as string) : MOCK_CLIENT_ID,
    real ? (process.env.AZURE_CLIENT_SECRET as string) : MOCK_CLIENT_SECRET,
  );
  const mmd = createMmdClient({ credential, tenantId });

  const profiles = await mmd.listProfiles();
  console.log(`\nEnabled profiles: ${profiles.value.map((profile) => profile.id).join(', ')}`);
  const devices = await mmd.paginate('listDevices', {}, { pageSize: 25 }).toArray({ limit: 10_000 });
  console.log(`Devices: ${devices.length}`);
  const tickets = await mmd.listTickets({ query: { $orderby: 'createdDateTime desc', $top: 3 } });
  console.log(`Newest tickets: ${tickets.value.map((ticket) => ticket.id).join(', ') || 'none'}`);
  if (mock) {
    console.log(
      `\n@azure/identity asked the mock's token endpoint ${mock.model.stats.tokenRequests} time(s) for ${mock.model.stats.apiRequests} API calls.`,
    );
  }
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exitCode = 1;
} finally {
  server?.close();
}

import { describe, expect, it } from 'vitest';
import { MmdConfigurationError } from '../src/index';
import {
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
  TENANT_ID,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

function serve() {
  const api = recordRequests(() => collection([]));
  server.use(createTokenEndpoint().handler, api.handler);
  return api.seen;
}

const prefix = `/support/odata/v1/tenants/${TENANT_ID}`;

describe('hostile path parameters', () => {
  it.each([
    ['a?b=1', `${prefix}/devices/a%3Fb%3D1`],
    ['a#frag', `${prefix}/devices/a%23frag`],
    ['a%2Fb', `${prefix}/devices/a%252Fb`],
    ["O'Brien PC", `${prefix}/devices/O'Brien%20PC`],
    ['Ünïcødé-💻', `${prefix}/devices/%C3%9Cn%C3%AFc%C3%B8d%C3%A9-%F0%9F%92%BB`],
  ])('encode deviceName %j so that the path is exactly the intended one', async (deviceName, path) => {
    const seen = serve();
    await createTestClient().getDevice({ path: { deviceName } });
    expect(seen[0]?.url.pathname).toBe(path);
    expect(decodeURIComponent(seen[0]?.url.pathname.split('/').at(-1) ?? '')).toBe(deviceName);
  });

  it('encodes a UPN with @ and + inside its segment', async () => {
    const seen = serve();
    await createTestClient().getUser({ path: { userUpn: 'j.doe+it@contoso.onmicrosoft.com' } });
    expect(seen[0]?.url.pathname).toBe(`${prefix}/users/j.doe%2Bit%40contoso.onmicrosoft.com`);
  });

  it.each([
    ["MMD-1'2", "/support/odata/v1/tickets('MMD-1''2')"],
    ["')x", "/support/odata/v1/tickets(''')x')"],
    ['a b', "/support/odata/v1/tickets('a%20b')"],
  ])("quote ticket id %j the OData way ('' for ') and encode it", async (ticketId, path) => {
    const seen = serve();
    await createTestClient().getTicket({ path: { ticketId } });
    expect(seen[0]?.url.pathname).toBe(path);
  });

  it.each(['', '.', '..', 'a/b', '../../tickets', 'a\\b', "')/../x"])(
    'reject deviceName %j before any request',
    async (deviceName) => {
      const seen = serve();
      await expect(createTestClient().getDevice({ path: { deviceName } })).rejects.toBeInstanceOf(
        MmdConfigurationError,
      );
      expect(seen).toHaveLength(0);
    },
  );

  it.each(['../tenants/x', `${TENANT_ID}/../x`, 'contoso.com', ''])(
    'reject a per-call tenantId %j that is not a GUID',
    async (tenantId) => {
      const seen = serve();
      await expect(createTestClient().listDevices({ path: { tenantId } })).rejects.toThrow(
        MmdConfigurationError,
      );
      expect(seen).toHaveLength(0);
    },
  );

  it('says which parameter is missing', async () => {
    serve();
    await expect(createTestClient({ tenantId: undefined }).listDevices()).rejects.toThrow(
      'listDevices needs a tenantId: pass tenantId to createMmdClient or path.tenantId to this call.',
    );
    await expect(createTestClient().getDevice({ path: {} as { deviceName: string } })).rejects.toThrow(
      'getDevice needs path.deviceName.',
    );
  });
});

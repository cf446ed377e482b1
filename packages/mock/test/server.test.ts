import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_TENANT_ID, type MockServer, startMockServer } from '../src/server';
import { clientForServer } from './support/server-client';
import { requestToken } from './support/token-request';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ seed: 3, deviceCount: 30 });
});
afterAll(() => server.close());

describe('the local mock server', () => {
  it('listens on loopback and serves the token endpoint and the API on one origin', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.url}/support/odata/v1`);
    const mmd = clientForServer(server);
    const devices = await mmd.paginate('listDevices', {}, { pageSize: 8 }).toArray({ limit: 100 });
    expect(devices).toHaveLength(30);
    const ticket = await mmd.createTicket({
      body: {
        title: 'From the server test',
        description: 'd',
        type: 'RequestForInformation',
        category: 'Devices',
        subcategory: 'Hardware',
        severity: 4,
        contact: { givenName: 'A', surname: 'B', email: 'a@contoso.com', phoneNumber: '1' },
      },
    });
    expect((await mmd.getTicket({ path: { ticketId: ticket.id } })).title).toBe('From the server test');
    expect(server.model.stats.tokenRequests).toBe(1);
  });

  it('answers plain HTTP clients such as curl, with text bodies where documented', async () => {
    const token = await requestToken(server.url);
    const device = server.model.tenants[0]?.devices.find((candidate) => candidate.name !== '');
    const response = await fetch(
      `${server.baseUrl}/tenants/${MOCK_TENANT_ID}/profiles/reassignProfile?persona=Standard&wipe=false`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([device?.aadDeviceId]),
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Successfully start reassigning devices to profile Standard');
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
  });

  it('answers 400 BadRequest to a query option the operation does not declare', async () => {
    const token = await requestToken(server.url);
    const get = (query: string) =>
      fetch(`${server.baseUrl}/tenants/${MOCK_TENANT_ID}/devices?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const refused = await get(`$filter=${encodeURIComponent("name eq 'x'")}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: 'BadRequest', message: 'The query option $filter is not supported by listDevices.' },
    });
    expect((await get('$skip=2&$top=3')).status).toBe(200);
    const users = await clientForServer(server)
      .paginate('listUsers', {}, { pageSize: 4 })
      .toArray({ limit: 10_000 });
    expect(users).toHaveLength(server.model.tenants[0]?.users.size ?? -1);
  });
});

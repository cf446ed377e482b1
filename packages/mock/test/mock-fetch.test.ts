import { ClientSecretCredential, createMmdClient } from '@mmd-sdk/mmd-api';
import { describe, expect, it } from 'vitest';
import { createMockFetch, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from '../src/server';
import { SIGNING_KEY } from './support/signing-key';

function clientOf(tenant: ReturnType<typeof createMockFetch>, clientSecret = MOCK_CLIENT_SECRET) {
  const credential = new ClientSecretCredential({
    tenantId: MOCK_TENANT_ID,
    clientId: MOCK_CLIENT_ID,
    clientSecret,
    authorityHost: tenant.url,
    fetch: tenant.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
  return createMmdClient({
    credential,
    tenantId: MOCK_TENANT_ID,
    baseUrl: tenant.baseUrl,
    fetch: tenant.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
}

describe('createMockFetch: the mock tenant in this process, without a socket', () => {
  it('answers the token endpoint and the API from the same model as the server', async () => {
    const tenant = createMockFetch({ seed: 5, deviceCount: 12, signingKey: SIGNING_KEY });
    const mmd = clientOf(tenant);
    const devices = await mmd.paginate('listDevices', {}, { pageSize: 5 }).toArray({ limit: 100 });
    expect(devices.map((device) => device.serialNumber)).toEqual(
      tenant.model.tenants[0]?.devices.map((device) => device.serialNumber),
    );
    expect(tenant.model.stats.tokenRequests).toBe(1);
    expect(tenant.model.stats.apiRequests).toBe(3);
    const before = tenant.model.tenants[0]?.tickets.length ?? 0;
    const ticket = tenant.model.tenants[0]?.tickets[0]?.id as string;
    await mmd.addTicketNote({ path: { ticketId: ticket }, body: { text: 'in process' } });
    expect(tenant.model.tenants[0]?.tickets.length).toBe(before);
    expect(tenant.model.tenants[0]?.tickets[0]?.notes?.at(-1)?.text).toBe('in process');
  });

  it('refuses a wrong secret as Entra does, and any other origin without sending anything', async () => {
    const tenant = createMockFetch({ seed: 5, signingKey: SIGNING_KEY });
    await expect(clientOf(tenant, 'wrong').listProfiles()).rejects.toMatchObject({
      name: 'TokenRequestError',
      status: 401,
    });
    await expect(tenant.fetch('http://127.0.0.1:4010/support/odata/v1/tickets')).rejects.toThrow(TypeError);
    await expect(tenant.fetch('https://login.microsoftonline.com/x/oauth2/v2.0/token')).rejects.toThrow(
      /answers http:\/\/127\.0\.0\.1:9 only/,
    );
    const large = await tenant.fetch(`${tenant.baseUrl}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1_048_577),
    });
    expect(large.status).toBe(413);
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await expect(tenant.fetch(`${tenant.baseUrl}/tickets`, { signal: aborted.signal })).rejects.toThrow(
      'stop',
    );
  });
});

// A loopback server that answers like the MMD API with fixed, pre-serialized bodies: the token
// endpoint and `GET …/devices` ($skip/$top over `total` generated devices). Its own cost is tiny
// and the same for every client measured against it.
import { createServer } from 'node:http';

function device(index, tenantId) {
  const serial = String(index).padStart(12, '0');
  return {
    name: `MMD-${serial.slice(1)}`,
    intuneId: `0000${serial}`,
    manufacturer: 'Microsoft Corporation',
    model: 'Surface Laptop 5',
    serialNumber: serial,
    globalDeviceId: `g:${serial}`,
    enrolledIntoIntuneDateTimeUtc: '2025-11-11T15:01:07.5381567Z',
    tenantId,
    tenantName: null,
    assignedUser: `User ${index}`,
    userUpn: `user${index}@contoso.onmicrosoft.com`,
    userEmail: `user${index}@contoso.onmicrosoft.com`,
    complianceState: 'Compliant',
    osVersion: '10.0.22631.4460',
    primaryUpdateRing: 'Broad',
    lastIntuneSyncDateTimeUtc: '2026-11-20T09:19:06.6991927Z',
    ageInMonths: 12.5,
    planType: 'Premium',
    persona: 'Standard',
    aadDeviceId: `9a8b7c6d-5e4f-4a3b-8c2d-${serial}`,
    managementAgent: 'Intune',
    operatingSystemEdition: 'Enterprise',
    profileAssignmentStatus: 'Successful',
    groups: [],
    configurations: [],
  };
}

export async function startStaticApiServer({
  total = 10,
  tenantId = 'c8a1f3d2-5b7e-4a9c-8d6f-1e2b3c4d5e6f',
} = {}) {
  const token = JSON.stringify({
    token_type: 'Bearer',
    expires_in: '3599',
    access_token: 'static-benchmark-token',
  });
  const context = 'https://mmd-support-prod-nam.trafficmanager.net/odata/v1/$metadata#Devices';
  let tokenRequests = 0;
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
      tokenRequests++;
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end(token);
      return;
    }
    if (request.headers.authorization !== 'Bearer static-benchmark-token') {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":{"code":"401","message":"Unauthorized."}}');
      return;
    }
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const top = Number(url.searchParams.get('$top') ?? total);
    const value = [];
    for (let index = skip; index < Math.min(total, skip + top); index++) value.push(device(index, tenantId));
    response
      .writeHead(200, { 'content-type': 'application/json; odata.metadata=minimal' })
      .end(JSON.stringify({ '@odata.context': context, value }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    baseUrl: `${origin}/support/odata/v1`,
    tenantId,
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/**
 * A client of the static server, authenticated through its token endpoint as a real app would be;
 * `options` adds client options (a `fetch`).
 */
export async function createStaticServerClient(server, options = {}) {
  const { ClientSecretCredential, createMmdClient } = await import('@mmd-sdk/mmd-api');
  const credential = new ClientSecretCredential({
    tenantId: server.tenantId,
    clientId: 'f4e3d2c1-b0a9-4876-9543-210fedcba987',
    clientSecret: 'benchmark-secret-value',
    authorityHost: server.origin,
  });
  return createMmdClient({
    credential,
    tenantId: server.tenantId,
    baseUrl: server.baseUrl,
    logLevel: 'off',
    ...options,
  });
}

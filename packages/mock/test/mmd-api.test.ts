import {
  AuthenticationError,
  BadRequestError,
  ClientSecretCredential,
  createMmdClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@mmd-sdk/mmd-api';
import { describe, expect, it, vi } from 'vitest';
import { createMockTenant, MockTenantModel } from '../src/index';
import { withFakeClock } from './support/fake-clock';
import { clientFor, useMockTenant } from './support/msw-tenant';
import { SIGNING_KEY } from './support/signing-key';
import { MMD_SCOPE, requestToken } from './support/token-request';

const { tenant } = useMockTenant();
const mmd = () => clientFor(tenant());
const ticketBody = {
  title: 'VPN drops every hour',
  description: 'The VPN client disconnects hourly on Fast-ring devices.',
  type: 'Incident',
  category: 'Devices',
  subcategory: 'Configuration/Policy',
  severity: 2,
  usersOrDevicesImpacted: 12,
  contact: {
    givenName: 'Adele',
    surname: 'Vance',
    email: 'adele.vance@contoso.onmicrosoft.com',
    phoneNumber: '+1 425 555 0100',
  },
};

describe('the seeded data', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const serials = (seed: number) =>
      new MockTenantModel({ seed, signingKey: SIGNING_KEY }).tenants[0]?.devices.map(
        (device) => device.serialNumber,
      );
    expect(serials(7)).toEqual(serials(7));
    expect(serials(7)).not.toEqual(serials(8));
  });

  it('sizes devices, tickets and elevation requests as asked', () => {
    const model = new MockTenantModel({
      deviceCount: 120,
      ticketCount: 3,
      elevationRequestCount: 2,
      signingKey: SIGNING_KEY,
    });
    const [data] = model.tenants;
    expect(data?.devices).toHaveLength(120);
    expect(data?.tickets).toHaveLength(3);
    expect(data?.elevationRequests).toHaveLength(2);
  });

  it('spreads devices across personas and update rings, with unenrolled devices among them', () => {
    const devices = tenant().model.tenants[0]?.devices ?? [];
    expect(devices).toHaveLength(50);
    expect(new Set(devices.map((device) => device.primaryUpdateRing)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(devices.map((device) => device.persona)).size).toBeGreaterThanOrEqual(2);
    expect(devices.some((device) => device.name === '' && device.complianceState === 'Unknown')).toBe(true);
  });
});

describe('devices, users and profiles', () => {
  it('pages devices with $skip and $top, leaving groups and configurations empty in lists', async () => {
    const first = await mmd().listDevices({ query: { $top: 10 } });
    const second = await mmd().listDevices({ query: { $skip: 10, $top: 10 } });
    expect(first.value).toHaveLength(10);
    expect(second.value[0]?.serialNumber).not.toBe(first.value[0]?.serialNumber);
    expect(
      first.value.every((device) => device.groups.length === 0 && device.configurations.length === 0),
    ).toBe(true);
    expect(await mmd().paginate('listDevices', {}, { pageSize: 7 }).toArray({ limit: 1000 })).toHaveLength(
      50,
    );
  });

  it('searches devices by user UPN, as the docs example does', async () => {
    const withUser = tenant().model.tenants[0]?.devices.find((device) => device.userUpn);
    const found = await mmd().listDevices({ query: { $searchText: withUser?.userUpn ?? '' } });
    expect(found.value.length).toBeGreaterThanOrEqual(1);
    expect(found.value.every((device) => device.userUpn === withUser?.userUpn)).toBe(true);
  });

  it('gets a device with its groups and configurations, and 404s an unknown one', async () => {
    const name = tenant().model.tenants[0]?.devices.find((device) => device.name)?.name ?? '';
    const device = await mmd().getDevice({ path: { deviceName: name } });
    expect(device.groups.length).toBeGreaterThan(0);
    expect(device.configurations.length).toBeGreaterThan(0);
    const error = await mmd()
      .getDevice({ path: { deviceName: 'MMD-00000000000' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('getDevice failed: 404 This device does not exist.');
  });

  it('keeps an encoded / inside the device name segment', async () => {
    // The SDK refuses a "/" in a path value before sending; the mock is asked directly.
    const current = tenant();
    const credential = new ClientSecretCredential({
      tenantId: current.tenantId,
      clientId: current.clientId,
      clientSecret: current.clientSecret ?? '',
    });
    const { token } = await credential.getToken();
    const response = await fetch(
      `https://mmdls.microsoft.com/support/odata/v1/tenants/${current.tenantId}/devices/..%2Fprofiles`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(404);
  });

  it('lists users with their devices and gets one by UPN (documented collection answer)', async () => {
    const users = await mmd().listUsers();
    const someone = users.value.find((user) => user.devices.length > 0);
    expect(someone).toBeDefined();
    const user = await mmd().getUser({ path: { userUpn: someone?.upn ?? '' } });
    expect(user.upn).toBe(someone?.upn);
    expect(user.devices.map((device) => device.name).sort()).toEqual(
      someone?.devices.map((device) => device.name).sort(),
    );
    const bySerial = await mmd().listUsers({
      query: { $searchText: someone?.devices[0]?.serialNumber ?? '' },
    });
    expect(bySerial.value.map((found) => found.upn)).toContain(someone?.upn);
  });

  it('lists the enabled profiles and reassigns devices only to an enabled one', async () => {
    const profiles = await mmd().listProfiles();
    expect(profiles.value.map((profile) => profile.id)).toEqual(['SensitiveData', 'Standard', 'PowerUser']);
    const device = tenant().model.tenants[0]?.devices.find((candidate) => candidate.persona !== 'PowerUser');
    const kiosk = await mmd()
      .reassignDeviceProfile({ query: { persona: 'Kiosk', wipe: false }, body: [device?.aadDeviceId ?? ''] })
      .catch((caught: unknown) => caught);
    expect(kiosk).toBeInstanceOf(BadRequestError);
    expect((kiosk as Error).message).toBe(
      `reassignDeviceProfile failed: 400 Kiosk not enabled for tenant ${tenant().tenantId}, only SensitiveData,Standard,PowerUser are enabled.`,
    );
    const message = await mmd().reassignDeviceProfile({
      query: { persona: 'PowerUser', wipe: false },
      body: [device?.aadDeviceId ?? ''],
    });
    expect(message).toBe('Successfully start reassigning devices to profile PowerUser');
    expect(device?.persona).toBe('PowerUser');
    const unsupported = await mmd()
      .reassignDeviceProfile({
        query: { persona: 'Gamer' as 'Kiosk', wipe: false },
        body: [device?.aadDeviceId ?? ''],
      })
      .catch((caught: unknown) => caught);
    expect((unsupported as BadRequestError).body).toEqual({
      errorCode: '400',
      message: 'This persona is not supported.',
      instanceAnnotations: [],
    });
  });
});

describe('tickets', () => {
  it('creates a ticket that is then listable and gettable, with notes', async () => {
    const created = await mmd().createTicket({ body: ticketBody });
    expect(created).toMatchObject({
      title: ticketBody.title,
      state: 'active',
      nextActionOwner: 'Microsoft',
      severity: 2,
    });
    expect(created.id).toMatch(/^MMD-\d{7}-[A-Z0-9]{5}$/);
    expect((await mmd().getTicket({ path: { ticketId: created.id } })).description).toBe(
      ticketBody.description,
    );
    const newestFirst = await mmd().listTickets({ query: { $orderby: 'createdDateTime desc', $top: 1 } });
    expect(newestFirst.value[0]?.id).toBe(created.id);
    await mmd().addTicketNote({
      path: { ticketId: created.id },
      body: { text: 'Logs attached in our system.' },
    });
    const notes = await mmd().listTicketNotes({ path: { ticketId: created.id } });
    expect(notes.value).toEqual([
      expect.objectContaining({
        id: 0,
        type: 'post',
        text: 'Logs attached in our system.',
        sender: 'mmd-sdk-mock-app',
      }),
    ]);
  });

  it("filters with the documented forms: contains(title,'…') and state eq '…' and severity eq n", async () => {
    await mmd().createTicket({ body: ticketBody });
    const byTitle = await mmd().listTickets({ query: { $filter: "contains(title,'VPN')" } });
    expect(byTitle.value.map((ticket) => ticket.title)).toEqual([ticketBody.title]);
    const active = await mmd().listTickets({ query: { $filter: "state eq 'active' and severity eq 2" } });
    expect(active.value.length).toBeGreaterThanOrEqual(1);
    expect(active.value.every((ticket) => ticket.state === 'active' && ticket.severity === 2)).toBe(true);
  });

  it('answers 400 to a malformed $filter and to a ticket without its required fields', async () => {
    await expect(mmd().listTickets({ query: { $filter: "title eq 'unterminated" } })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    const error = await mmd()
      .createTicket({ body: { ...ticketBody, title: '' } })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('createTicket failed: 400 The field title is required.');
  });

  it('404s an unknown ticket, with quotes in its id handled the OData way', async () => {
    await expect(mmd().getTicket({ path: { ticketId: "MMD-0'0" } })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('elevation requests', () => {
  const body = (deviceName: string) => ({
    partnerTicketId: 'INC0042',
    deviceName,
    title: 'Install printer driver',
    category: 'Hardware',
    subcategory: 'Device',
    planOfAction: 'Install the vendor driver package.',
  });
  const freeDevice = () => {
    const data = tenant().model.tenants[0];
    return (
      data?.devices.find((device) => device.name && !data.elevatedAccounts.has(device.name.toLowerCase()))
        ?.name ?? ''
    );
  };

  it('opens, shows the password once opened (recording the viewer), and closes', async () => {
    const deviceName = freeDevice();
    const created = await mmd().createElevationRequest({ body: body(deviceName) });
    expect(created).toMatchObject({ deviceName, actionsTaken: '', requestClosureTime: null, ttl: 7776000 });
    const details = await mmd().getElevationDetails({ path: { deviceName } });
    expect(details.openedElevationRequestId).toBe(created.id);
    expect(details.password.length).toBeGreaterThanOrEqual(16);
    expect(details.viewedBy).toContain('mmd-sdk-mock-app');
    const listed = await mmd().listElevationRequests({ query: { $filter: `deviceName eq '${deviceName}'` } });
    expect(listed.value.find((request) => request.id === created.id)?.viewerUpns).toContain(
      'mmd-sdk-mock-app',
    );
    await mmd().closeElevationRequest({
      path: { elevationRequestId: created.id },
      body: { actionsTaken: 'Driver installed.' },
    });
    const closed = await mmd().listElevationRequests({ query: { $filter: `deviceName eq '${deviceName}'` } });
    expect(closed.value.find((request) => request.id === created.id)).toMatchObject({
      actionsTaken: 'Driver installed.',
      closingAgentUpn: 'mmd-sdk-mock-app',
    });
    await expect(mmd().getElevationDetails({ path: { deviceName } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers the documented errors', async () => {
    const deviceName = freeDevice();
    const created = await mmd().createElevationRequest({ body: body(deviceName) });
    const tooMany = await mmd()
      .createElevationRequest({ body: body(deviceName) })
      .catch((caught: unknown) => caught);
    expect(tooMany).toBeInstanceOf(PermissionDeniedError);
    expect((tooMany as Error).message).toBe(
      'createElevationRequest failed: 403 This device has too many open elevation requests.',
    );
    const noDevice = await mmd()
      .createElevationRequest({ body: body('MMD-00000000000') })
      .catch((caught: unknown) => caught);
    expect((noDevice as Error).message).toBe(
      'createElevationRequest failed: 404 This device does not exist.',
    );
    await mmd().closeElevationRequest({
      path: { elevationRequestId: created.id },
      body: { actionsTaken: 'done' },
    });
    const again = await mmd()
      .closeElevationRequest({ path: { elevationRequestId: created.id }, body: { actionsTaken: 'done' } })
      .catch((caught: unknown) => caught);
    expect((again as Error).message).toBe(
      'closeElevationRequest failed: 400 This elevation request was already closed.',
    );
    const unknown = await mmd()
      .closeElevationRequest({
        path: { elevationRequestId: '00000000-0000-4000-8000-000000000000' },
        body: { actionsTaken: 'x' },
      })
      .catch((caught: unknown) => caught);
    expect((unknown as Error).message).toBe(
      'closeElevationRequest failed: 404 This elevation request does not exist.',
    );
  });

  it('accepts the PascalCase body of the docs example', async () => {
    const deviceName = freeDevice();
    const response = await tenant().model.handleApi(
      new Request(
        `https://mmdls.microsoft.com/support/odata/v1/tenants/${tenant().tenantId}/elevationRequests`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${await issueToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            PartnerTicketId: 'INC1',
            DeviceName: deviceName,
            Title: 't',
            Category: 'Office',
            Subcategory: 'Excel',
            PlanOfAction: 'p',
          }),
        },
      ),
      `/tenants/${tenant().tenantId}/elevationRequests`,
    );
    expect(response.status).toBe(201);
  });
});

function issueToken(): Promise<string> {
  const { tenantId, clientId, clientSecret } = tenant();
  return requestToken('https://login.microsoftonline.com', {
    tenantId,
    clientId,
    clientSecret: clientSecret ?? '',
  });
}

describe('authorization and faults', () => {
  it('answers 401 to a missing, forged or expired token', async () => {
    const url = `https://mmdls.microsoft.com/support/odata/v1/tenants/${tenant().tenantId}/devices`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer a.b.c' } })).status).toBe(401);
    tenant().model.tokenLifetimeSeconds = 60;
    const token = await issueToken();
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // The clock moves past the token's expiry; no real time is waited.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      const expired = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      clock.mockRestore();
    }
  });

  it('answers 403 when the path names another tenant than the token', async () => {
    const error = await mmd()
      .listDevices({ path: { tenantId: '99999999-9999-4999-8999-999999999999' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
  });

  it('lets the SDK recover from a refused token with one refresh', async () => {
    // A token signed by another mock's key is refused here, as after a signing-key rollover.
    const stranger = createMockTenant({ signingKey: SIGNING_KEY });
    const foreign = await stranger.model.handleAuthority(
      new Request(`https://login.microsoftonline.com/${stranger.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: stranger.clientId,
          client_secret: stranger.clientSecret ?? '',
          grant_type: 'client_credentials',
          scope: MMD_SCOPE,
        }),
      }),
      `/${stranger.tenantId}/oauth2/v2.0/token`,
    );
    if (!foreign) throw new Error('the stranger mock did not answer');
    const foreignToken = ((await foreign.json()) as { access_token: string }).access_token;
    const asked: boolean[] = [];
    const client = createMmdClient({
      tenantId: tenant().tenantId,
      logLevel: 'off',
      credential: {
        getToken: async (_scopes, options) => {
          asked.push(options?.forceRefresh ?? false);
          return {
            token: options?.forceRefresh ? await issueToken() : foreignToken,
            expiresOnTimestamp: Date.now() + 60_000,
          };
        },
      },
    });
    await expect(client.listProfiles()).resolves.toMatchObject({ value: expect.any(Array) });
    expect(asked).toEqual([false, true]);
  });

  it('raises AuthenticationError when every token is refused', async () => {
    const client = createMmdClient({
      tenantId: tenant().tenantId,
      logLevel: 'off',
      getToken: async () => 'not-a-token',
    });
    await expect(client.listProfiles()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('injects 429s with Retry-After, which the SDK retries, and counts requests', async () => {
    tenant().model.faults = { rateLimitRate: 1, retryAfterSeconds: 0 };
    const error = await mmd()
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(tenant().model.stats.apiRequests).toBe(3);
    expect(tenant().model.stats.tokenRequests).toBe(1);
    // Injected 500s carry no Retry-After; maxRetryDelay 0 keeps the SDK's backoff from waiting real time.
    tenant().model.faults = { serverErrorRate: 0.5, retryAfterSeconds: 0 };
    const client = clientFor(tenant(), { maxRetryDelay: 0 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.listProfiles()));
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(10);
    expect(tenant().model.stats.apiRequests).toBeGreaterThan(3 + 20);
  });

  it('adds latency when asked, on the fake clock', async () => {
    tenant().model.faults = { latencyMs: 150 };
    // One token request and one API call, 150 ms each: the answer cannot come before 300 ms have passed.
    const { outcome, elapsedMs } = await withFakeClock(() => mmd().listProfiles());
    expect(outcome.status).toBe('fulfilled');
    expect(elapsedMs).toBeGreaterThanOrEqual(300);
  });
});

describe('hostile requests through the MSW handlers', () => {
  it('answers malformed escapes, wrong methods, overlong URLs and oversized bodies with a 4xx', async () => {
    const api = 'https://mmdls.microsoft.com/support/odata/v1';
    const authority = 'https://login.microsoftonline.com';
    const authorization = { authorization: `Bearer ${await issueToken()}` };
    const malformed = await fetch(`${api}/tenants/%E0%A4%A/devices`, { headers: authorization });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('400');
    expect((await fetch(`${authority}/%zz/oauth2/v2.0/token`, { method: 'POST' })).status).toBe(400);
    const getToken = await fetch(`${authority}/${tenant().tenantId}/oauth2/v2.0/token`);
    expect(getToken.status).toBe(405);
    expect(getToken.headers.get('allow')).toBe('POST');
    const deleteTickets = await fetch(`${api}/tickets`, { method: 'DELETE' });
    expect(deleteTickets.status).toBe(405);
    expect(deleteTickets.headers.get('allow')).toBe('GET, POST');
    expect((await fetch(`${api}/tickets?${'a'.repeat(9_000)}`)).status).toBe(414);
    const deep = `${'('.repeat(40)}state eq 'active'${')'.repeat(40)}`;
    expect(
      (await fetch(`${api}/tickets?$filter=${encodeURIComponent(deep)}`, { headers: authorization })).status,
    ).toBe(400);
    const big = await fetch(`${api}/tickets`, {
      method: 'POST',
      headers: { ...authorization, 'content-type': 'application/json' },
      body: 'x'.repeat(1_048_577),
    });
    expect(big.status).toBe(413);
  });
});

describe('query options each operation declares', () => {
  const get = async (path: string) => {
    const response = await fetch(`https://mmdls.microsoft.com/support/odata/v1${path}`, {
      headers: { authorization: `Bearer ${await issueToken()}` },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it.each([
    ['listDevices', 'devices', '$filter', "name eq 'x'"],
    ['listDevices', 'devices', '$orderby', 'name'],
    ['listUsers', 'users', '$filter', "upn eq 'x'"],
    ['listUsers', 'users', '$orderby', 'name desc'],
    ['listElevationRequests', 'elevationRequests', '$orderby', 'requestCreationTime'],
    ['listProfiles', 'profiles', '$top', '1'],
  ])('answers 400 BadRequest to %s with %s', async (operation, collection, option, value) => {
    const path = `/tenants/${tenant().tenantId}/${collection}?${option}=${encodeURIComponent(value)}`;
    expect(await get(path)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: `The query option ${option} is not supported by ${operation}.`,
        },
      },
    });
  });

  it('keeps the declared options, and paginate, working', async () => {
    const base = `/tenants/${tenant().tenantId}`;
    expect((await get(`${base}/devices?$searchText=MMD&$skip=1&$top=2`)).status).toBe(200);
    expect((await get(`${base}/users?$searchText=a&$skip=0&$top=2`)).status).toBe(200);
    expect((await get(`${base}/elevationRequests?$filter=isDeleted eq false&$skip=0&$top=2`)).status).toBe(
      200,
    );
    expect(
      (await get('/tickets?$filter=severity ge 1&$orderby=createdDateTime desc&$skip=0&$top=2')).status,
    ).toBe(200);
    const client = mmd();
    const seeded = tenant().model.tenants[0];
    expect(await client.paginate('listDevices', {}, { pageSize: 7 }).toArray({ limit: 10_000 })).toHaveLength(
      seeded?.devices.length ?? -1,
    );
    expect(await client.paginate('listUsers', {}, { pageSize: 7 }).toArray({ limit: 10_000 })).toHaveLength(
      seeded?.users.size ?? -1,
    );
    expect(await client.paginate('listTickets', {}, { pageSize: 3 }).toArray({ limit: 10_000 })).toHaveLength(
      seeded?.tickets.length ?? -1,
    );
    expect(
      await client.paginate('listElevationRequests', {}, { pageSize: 3 }).toArray({ limit: 10_000 }),
    ).toHaveLength(seeded?.elevationRequests.length ?? -1);
  });
});

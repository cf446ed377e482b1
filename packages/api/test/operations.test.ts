import { HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { type OperationName, operations } from '../src/index';
import {
  BASE_URL,
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
  type SeenRequest,
  TENANT_BASE,
  TENANT_ID,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();
const device = {
  name: 'MMD-123456789',
  aadDeviceId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  persona: 'Standard',
  groups: [],
  configurations: [],
};
const user = {
  name: 'John Doe',
  upn: 'jdoe@contoso.onmicrosoft.com',
  email: 'jdoe@contoso.onmicrosoft.com',
  groups: [],
  devices: [],
};
const ticket = { id: 'MMD-1465058-R5V8P', title: 'Title', state: 'active', severity: 4 };
const elevation = {
  id: '7d0f2b9e-2b7c-4a55-8f3e-0c9a1d6e4b21',
  deviceName: 'MMD-03690457680',
  actionsTaken: '',
};

let requests: SeenRequest[];

/** What the fake service answers to each operation. */
const answers: Record<OperationName, () => Response> = {
  listDevices: () => collection([device]),
  getDevice: () => HttpResponse.json(device),
  listProfiles: () => collection([{ id: 'Standard', status: 'Enabled' }]),
  reassignDeviceProfile: () =>
    new HttpResponse('Successfully start reassigning devices to profile Kiosk', {
      headers: { 'content-type': 'text/plain' },
    }),
  listUsers: () => collection([user]),
  getUser: () => HttpResponse.json({ '@odata.context': 'x#Users', value: [user] }),
  createTicket: () =>
    HttpResponse.json({ ...ticket, '@odata.context': 'x#Tickets/$entity' }, { status: 201 }),
  listTickets: () => collection([ticket]),
  getTicket: () => HttpResponse.json(ticket),
  addTicketNote: () => new HttpResponse(null, { status: 204 }),
  listTicketNotes: () => collection([{ id: 0, text: 'note' }]),
  createElevationRequest: () => HttpResponse.json(elevation, { status: 201 }),
  closeElevationRequest: () => new HttpResponse(null, { status: 204 }),
  listElevationRequests: () => collection([elevation]),
  getElevationDetails: () => HttpResponse.json({ deviceName: 'MMD-03690457680', password: 'p@ss' }),
};

/** The routes of the operation table: a method and a path pattern per operation. */
const routes = Object.entries(operations).map(([name, spec]) => ({
  name: name as OperationName,
  method: spec.method,
  pattern: new RegExp(`^${spec.path.replace(/[()]/g, '\\$&').replace(/\{[^}]+\}/g, "[^/']+")}$`),
}));

beforeEach(() => {
  const tokens = createTokenEndpoint();
  const api = recordRequests(({ method, url }) => {
    const path = url.pathname.slice('/support/odata/v1'.length);
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    return route
      ? answers[route.name]()
      : HttpResponse.json({ error: { code: '404', message: 'no route' } }, { status: 404 });
  });
  server.use(tokens.handler, api.handler);
  requests = api.seen;
});

function lastRequest(): SeenRequest {
  const request = requests.at(-1);
  if (!request) throw new Error('no request was sent');
  return request;
}

describe('the 15 operations on the wire', () => {
  const mmd = () => createTestClient();

  it('listDevices: GET /tenants/{tenantId}/devices with $searchText, $skip, $top', async () => {
    const page = await mmd().listDevices({
      query: { $searchText: 'jdoe@contoso.onmicrosoft.com', $skip: 1, $top: 2 },
    });
    const request = lastRequest();
    expect(request.method).toBe('GET');
    expect(request.url.href).toBe(
      `${TENANT_BASE}/devices?$searchText=jdoe%40contoso.onmicrosoft.com&$skip=1&$top=2`,
    );
    expect(request.headers.get('authorization')).toBe('Bearer token-1');
    expect(request.headers.get('accept')).toBe('application/json');
    expect(request.headers.get('user-agent')).toMatch(/^mmd-sdk-js\/\d+\.\d+\.\d+ node\/20\./);
    expect(page.value[0]?.name).toBe('MMD-123456789');
  });

  it('getDevice: GET /tenants/{tenantId}/devices/{deviceName}', async () => {
    const result = await mmd().getDevice({ path: { deviceName: 'MMD-123456789' } });
    expect(lastRequest().url.pathname).toBe(`/support/odata/v1/tenants/${TENANT_ID}/devices/MMD-123456789`);
    expect(result.aadDeviceId).toBe(device.aadDeviceId);
  });

  it('listProfiles: GET /tenants/{tenantId}/profiles', async () => {
    const result = await mmd().listProfiles();
    expect(lastRequest().url.href).toBe(`${TENANT_BASE}/profiles`);
    expect(result.value).toEqual([{ id: 'Standard', status: 'Enabled' }]);
  });

  it('reassignDeviceProfile: PATCH with persona and wipe, a JSON array body, and a text answer', async () => {
    const message = await mmd().reassignDeviceProfile({
      query: { persona: 'Kiosk', wipe: false },
      body: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
    });
    const request = lastRequest();
    expect(request.method).toBe('PATCH');
    expect(request.url.href).toBe(`${TENANT_BASE}/profiles/reassignProfile?persona=Kiosk&wipe=false`);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d']);
    expect(message).toBe('Successfully start reassigning devices to profile Kiosk');
  });

  it('listUsers: GET /tenants/{tenantId}/users', async () => {
    const result = await mmd().listUsers({ query: { $searchText: 'MMD-123456789' } });
    expect(lastRequest().url.href).toBe(`${TENANT_BASE}/users?$searchText=MMD-123456789`);
    expect(result.value[0]?.upn).toBe(user.upn);
  });

  it('getUser: GET /tenants/{tenantId}/users/{userUpn}, unwrapping the documented one-element collection', async () => {
    const result = await mmd().getUser({ path: { userUpn: 'jdoe@contoso.onmicrosoft.com' } });
    expect(lastRequest().url.pathname).toBe(
      `/support/odata/v1/tenants/${TENANT_ID}/users/jdoe%40contoso.onmicrosoft.com`,
    );
    expect(result.upn).toBe('jdoe@contoso.onmicrosoft.com');
    expect(result.name).toBe('John Doe');
  });

  it('getUser also accepts an entity', async () => {
    server.use(recordRequests(() => HttpResponse.json(user)).handler);
    await expect(mmd().getUser({ path: { userUpn: user.upn } })).resolves.toMatchObject({ upn: user.upn });
  });

  it('createTicket: POST /tickets (not tenant-scoped) with a JSON body, accepting 201', async () => {
    const body = {
      title: 'Title',
      description: 'Description of ticket',
      type: 'RequestForInformation',
      category: 'Devices',
      subcategory: 'Hardware',
      severity: 4,
      contact: { givenName: 'John', surname: 'Doe', email: 'jd@contoso.com', phoneNumber: '+1 888' },
    };
    const created = await mmd().createTicket({ body });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe(`${BASE_URL}/tickets`);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(body);
    expect(created.id).toBe('MMD-1465058-R5V8P');
  });

  it('listTickets: GET /tickets with $filter, $skip, $top and $orderby', async () => {
    await mmd().listTickets({
      query: {
        $filter: "state eq 'resolved' and severity eq 2",
        $skip: 0,
        $top: 50,
        $orderby: 'createdDateTime desc',
      },
    });
    const { url } = lastRequest();
    expect(url.pathname).toBe('/support/odata/v1/tickets');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $filter: "state eq 'resolved' and severity eq 2",
      $skip: '0',
      $top: '50',
      $orderby: 'createdDateTime desc',
    });
  });

  it("getTicket: GET /tickets('{ticketId}')", async () => {
    const result = await mmd().getTicket({ path: { ticketId: 'MMD-1465058-R5V8P' } });
    expect(lastRequest().url.href).toBe(`${BASE_URL}/tickets('MMD-1465058-R5V8P')`);
    expect(result.state).toBe('active');
  });

  it("addTicketNote: POST /tickets('{ticketId}')/addNote, resolving to undefined on 204", async () => {
    const result = await mmd().addTicketNote({
      path: { ticketId: 'MMD-1465058-R5V8P' },
      body: { text: 'Note to add to ticket' },
    });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe(`${BASE_URL}/tickets('MMD-1465058-R5V8P')/addNote`);
    expect(JSON.parse(request.body)).toEqual({ text: 'Note to add to ticket' });
    expect(result).toBeUndefined();
  });

  it("listTicketNotes: GET /tickets('{ticketId}')/notes", async () => {
    const notes = await mmd().listTicketNotes({ path: { ticketId: 'MMD-1465058-R5V8P' } });
    expect(lastRequest().url.href).toBe(`${BASE_URL}/tickets('MMD-1465058-R5V8P')/notes`);
    expect(notes.value[0]?.text).toBe('note');
  });

  it('createElevationRequest: POST /tenants/{tenantId}/elevationRequests, 201', async () => {
    const body = {
      partnerTicketId: 'INC0012345',
      deviceName: 'MMD-03690457680',
      title: 'Install driver',
      category: 'Office',
      subcategory: 'Excel',
      planOfAction: 'Reinstall the add-in.',
    };
    const created = await mmd().createElevationRequest({ body });
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe(`${TENANT_BASE}/elevationRequests`);
    expect(JSON.parse(request.body)).toEqual(body);
    expect(created.id).toBe(elevation.id);
  });

  it('closeElevationRequest: PATCH /tenants/{tenantId}/elevationRequests/{id}, 204', async () => {
    const result = await mmd().closeElevationRequest({
      path: { elevationRequestId: elevation.id },
      body: { actionsTaken: 'Actions taken to resolve case.' },
    });
    const request = lastRequest();
    expect(request.method).toBe('PATCH');
    expect(request.url.href).toBe(`${TENANT_BASE}/elevationRequests/${elevation.id}`);
    expect(JSON.parse(request.body)).toEqual({ actionsTaken: 'Actions taken to resolve case.' });
    expect(result).toBeUndefined();
  });

  it('listElevationRequests: GET /tenants/{tenantId}/elevationRequests with $filter', async () => {
    await mmd().listElevationRequests({ query: { $filter: "deviceName eq 'MMD-03690457680'" } });
    expect(Object.fromEntries(lastRequest().url.searchParams)).toEqual({
      $filter: "deviceName eq 'MMD-03690457680'",
    });
  });

  it('getElevationDetails: GET /tenants/{tenantId}/devices/{deviceName}/elevationDetails', async () => {
    const details = await mmd().getElevationDetails({ path: { deviceName: 'MMD-03690457680' } });
    expect(lastRequest().url.href).toBe(`${TENANT_BASE}/devices/MMD-03690457680/elevationDetails`);
    expect(details.password).toBe('p@ss');
  });

  it('lets a per-call tenantId win over the client one', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    await mmd().listDevices({ path: { tenantId: other } });
    expect(lastRequest().url.pathname).toBe(`/support/odata/v1/tenants/${other}/devices`);
  });

  it('prefixes a custom User-Agent', async () => {
    await createTestClient({ userAgent: 'ticket-sync/2.1' }).listProfiles();
    expect(lastRequest().headers.get('user-agent')).toMatch(/^ticket-sync\/2\.1 mmd-sdk-js\//);
  });
});

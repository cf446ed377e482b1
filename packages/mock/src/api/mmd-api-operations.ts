import { randomUUID } from 'node:crypto';
import {
  type MockDevice,
  type MockElevationRequest,
  type MockTicket,
  PERSONAS,
  type Persona,
} from '../model/api-resources';
import type { SeededRandom } from '../model/seeded-random';
import type { MockTenantData } from '../model/tenant-state';
import { ApiFailure } from './api-failure';
import { parseCount, parseFilter, parseOrderBy } from './odata-query';

const CONTEXT = 'https://mmd-support-prod-nam.trafficmanager.net/odata/v1/$metadata';

/** Who is calling: the app the token was issued to. */
export interface Caller {
  readonly clientId: string;
  readonly displayName: string;
}

/** A successful answer: JSON, plain text or no content. */
export type ApiResult =
  | { status: number; json: unknown }
  | { status: number; text: string }
  | { status: 204 };

type Row = Record<string, unknown>;

function collection(entitySet: string, rows: unknown[]): ApiResult {
  return { status: 200, json: { '@odata.context': `${CONTEXT}#${entitySet}`, value: rows } };
}

function page<T>(
  rows: T[],
  query: URLSearchParams,
  options: { filter?: boolean; orderBy?: boolean } = {},
): T[] {
  let result = rows;
  const filter = query.get('$filter');
  if (filter !== null && options.filter) {
    const predicate = parseFilter(filter);
    result = result.filter((row) => predicate(row as Row));
  }
  const orderBy = query.get('$orderby');
  if (orderBy !== null && options.orderBy) {
    const order = parseOrderBy(orderBy);
    result = [...result].sort((a, b) => order(a as Row, b as Row));
  }
  const skip = parseCount('$skip', query.get('$skip')) ?? 0;
  const top = parseCount('$top', query.get('$top'));
  return result.slice(skip, top === undefined ? undefined : skip + top);
}

function search<T>(
  rows: T[],
  query: URLSearchParams,
  fields: (row: T) => Array<string | null | undefined>,
): T[] {
  const text = query.get('$searchText')?.trim().toLowerCase();
  if (!text) return rows;
  return rows.filter((row) => fields(row).some((field) => field?.toLowerCase().includes(text)));
}

function findDevice(tenant: MockTenantData, name: string): MockDevice | undefined {
  const wanted = name.toLowerCase();
  return tenant.devices.find((device) => device.name !== '' && device.name.toLowerCase() === wanted);
}

function listItem(device: MockDevice): MockDevice {
  return { ...device, groups: [], configurations: [] };
}

function userView(tenant: MockTenantData, upn: string) {
  const user = tenant.users.get(upn.toLowerCase());
  if (!user) return undefined;
  const devices = tenant.devices.filter((device) => device.userUpn?.toLowerCase() === user.upn);
  return {
    name: user.name,
    upn: user.upn,
    email: user.email,
    groups: user.groups,
    devices: devices.map((device) => ({
      serialNumber: device.serialNumber,
      name: device.name,
      model: device.model,
      ring: device.primaryUpdateRing,
      lastIntuneSyncTime: device.lastIntuneSyncDateTimeUtc,
    })),
  };
}

function findTicket(tenant: MockTenantData, id: string): MockTicket {
  const ticket = tenant.tickets.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!ticket) throw ApiFailure.odata(404, 'This ticket does not exist.');
  return ticket;
}

function ticketView(ticket: MockTicket): Row {
  // Ticket bodies carry an empty notes array; notes come from listTicketNotes.
  return { ...ticket, notes: [] };
}

/** Reads a JSON object body with keys matched case-insensitively, as the service (ASP.NET OData) does. */
function readBody(body: unknown): (key: string) => unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiFailure.odata(400, 'The request body must be a JSON object.');
  }
  const entries = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  return (key) => entries.get(key.toLowerCase());
}

function requireString(read: (key: string) => unknown, key: string): string {
  const value = read(key);
  if (typeof value !== 'string' || value.trim() === '')
    throw ApiFailure.odata(400, `The field ${key} is required.`);
  return value;
}

function optional<T>(
  read: (key: string) => unknown,
  key: string,
  type: 'string' | 'number' | 'boolean',
): T | null {
  const value = read(key);
  if (value === undefined || value === null) return null;
  if (typeof value !== type) throw ApiFailure.odata(400, `The field ${key} must be a ${type}.`);
  return value as T;
}

function openRequest(tenant: MockTenantData, deviceName: string): MockElevationRequest | undefined {
  return tenant.elevationRequests.find(
    (request) =>
      request.requestClosureTime === null && request.deviceName.toLowerCase() === deviceName.toLowerCase(),
  );
}

/** The behaviour of the 15 documented operations on one tenant's data. */
export class MmdApiOperations {
  constructor(
    private readonly tenant: MockTenantData,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
  ) {}

  listDevices(query: URLSearchParams): ApiResult {
    const found = search(this.tenant.devices, query, (device) => [
      device.name,
      device.serialNumber,
      device.globalDeviceId,
      device.userUpn,
      device.userEmail,
    ]);
    return collection('Devices', page(found, query).map(listItem));
  }

  getDevice(name: string): ApiResult {
    const device = findDevice(this.tenant, name);
    if (!device) throw ApiFailure.odata(404, 'This device does not exist.');
    return { status: 200, json: { '@odata.context': `${CONTEXT}#Devices/$entity`, ...device } };
  }

  listProfiles(): ApiResult {
    return {
      status: 200,
      json: {
        '@odata.context': `${CONTEXT}#Profile`,
        value: this.tenant.enabledProfiles.map((id) => ({ id, status: 'Enabled' })),
      },
    };
  }

  reassignDeviceProfile(query: URLSearchParams, body: unknown): ApiResult {
    const persona = query.get('persona') ?? '';
    const wipe = query.get('wipe');
    if (!PERSONAS.includes(persona as Persona)) throw ApiFailure.flat(400, 'This persona is not supported.');
    if (wipe !== 'true' && wipe !== 'false')
      throw ApiFailure.flat(400, 'The query parameter wipe must be true or false.');
    if (!this.tenant.enabledProfiles.includes(persona as Persona)) {
      throw ApiFailure.flat(
        400,
        `${persona} not enabled for tenant ${this.tenant.tenantId}, only ${this.tenant.enabledProfiles.join(',')} are enabled`,
      );
    }
    if (!Array.isArray(body) || body.length === 0 || !body.every((id) => typeof id === 'string')) {
      throw ApiFailure.flat(400, 'The request body must be a JSON array of Entra device IDs.');
    }
    const ids = new Set(body.map((id: string) => id.toLowerCase()));
    const devices = this.tenant.devices.filter((device) => ids.has(device.aadDeviceId.toLowerCase()));
    const unknown = [...ids].filter(
      (id) => !devices.some((device) => device.aadDeviceId.toLowerCase() === id),
    );
    if (unknown.length > 0) throw ApiFailure.flat(400, `These devices do not exist: ${unknown.join(',')}`);
    for (const device of devices) device.persona = persona as Persona;
    return { status: 200, text: `Successfully start reassigning devices to profile ${persona}` };
  }

  listUsers(query: URLSearchParams): ApiResult {
    const users = [...this.tenant.users.values()]
      .map((user) => userView(this.tenant, user.upn))
      .filter((user) => user !== undefined);
    const found = search(users, query, (user) => [
      user.name,
      user.upn,
      user.email,
      ...user.devices.flatMap((device) => [device.serialNumber, device.name]),
    ]);
    return collection('Users', page(found, query));
  }

  getUser(upn: string): ApiResult {
    const user = userView(this.tenant, upn);
    if (!user) throw ApiFailure.odata(404, 'This user does not exist.');
    // As documented: a one-element collection, not an entity.
    return collection('Users', [user]);
  }

  createTicket(body: unknown): ApiResult {
    const read = readBody(body);
    const contact = read('contact');
    if (!contact || typeof contact !== 'object')
      throw ApiFailure.odata(400, 'The field contact is required.');
    const readContact = readBody(contact);
    const severity = read('severity');
    if (typeof severity !== 'number' || !Number.isInteger(severity))
      throw ApiFailure.odata(400, 'The field severity is required.');
    const issueFirstNoticed = optional<string>(read, 'issueFirstNoticed', 'string');
    if (issueFirstNoticed !== null && Number.isNaN(Date.parse(issueFirstNoticed))) {
      throw ApiFailure.odata(400, 'The field issueFirstNoticed must be a date and time.');
    }
    const ticket: MockTicket = {
      title: requireString(read, 'title'),
      description: requireString(read, 'description'),
      isPartner: false,
      type: requireString(read, 'type'),
      category: requireString(read, 'category'),
      subcategory: requireString(read, 'subcategory'),
      compromiseIndicator: null,
      usersOrDevicesImpacted: optional<number>(read, 'usersOrDevicesImpacted', 'number'),
      relatedAlerts: null,
      businessImpact: optional<string>(read, 'businessImpact', 'string'),
      issueFirstNoticed,
      issueReproduced: optional<boolean>(read, 'issueReproduced', 'boolean'),
      endUserSupportEngaged: optional<boolean>(read, 'endUserSupportEngaged', 'boolean'),
      troubleshootingSteps: optional<string>(read, 'troubleshootingSteps', 'string'),
      nextActionOwner: 'Microsoft',
      nextActionTime: null,
      reproSteps: optional<string>(read, 'reproSteps', 'string'),
      id: `MMD-${this.random.characters(7, '0123456789')}-${this.random.characters(5)}`,
      severity,
      state: 'active',
      createdDateTime: this.now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      resolvedDateTime: null,
      contact: {
        id: randomUUID(),
        givenName: requireString(readContact, 'givenName'),
        surname: requireString(readContact, 'surname'),
        email: requireString(readContact, 'email'),
        phoneNumber: requireString(readContact, 'phoneNumber'),
        preferredLanguageId: '',
      },
      emails: [],
      attachments: [],
      notes: [],
    };
    this.tenant.tickets.push(ticket);
    return { status: 200, json: { '@odata.context': `${CONTEXT}#Tickets/$entity`, ...ticketView(ticket) } };
  }

  listTickets(query: URLSearchParams): ApiResult {
    return collection(
      'Tickets',
      page(this.tenant.tickets.map(ticketView), query, { filter: true, orderBy: true }),
    );
  }

  getTicket(id: string): ApiResult {
    return {
      status: 200,
      json: { '@odata.context': `${CONTEXT}#Tickets/$entity`, ...ticketView(findTicket(this.tenant, id)) },
    };
  }

  addTicketNote(id: string, body: unknown, caller: Caller): ApiResult {
    const ticket = findTicket(this.tenant, id);
    const text = requireString(readBody(body), 'text');
    const at = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    ticket.notes.push({
      id: ticket.notes.length,
      type: 'post',
      renderType: 'html',
      createdDateTime: at,
      modifiedDateTime: at,
      text,
      sender: caller.displayName,
    });
    return { status: 204 };
  }

  listTicketNotes(id: string): ApiResult {
    const ticket = findTicket(this.tenant, id);
    return collection(`Tickets('${ticket.id}')/notes`, ticket.notes);
  }

  createElevationRequest(body: unknown, caller: Caller): ApiResult {
    const read = readBody(body);
    const fields = [
      'partnerTicketId',
      'deviceName',
      'title',
      'category',
      'subcategory',
      'planOfAction',
    ] as const;
    const values = Object.fromEntries(fields.map((field) => [field, requireString(read, field)])) as Record<
      (typeof fields)[number],
      string
    >;
    const device = findDevice(this.tenant, values.deviceName);
    if (!device) throw ApiFailure.odata(404, 'This device does not exist.');
    if (openRequest(this.tenant, device.name))
      throw ApiFailure.odata(403, 'This device has too many open elevation requests.');
    const now = this.now().toISOString();
    const request: MockElevationRequest = {
      id: randomUUID(),
      tenantId: this.tenant.tenantId,
      partnerId: this.tenant.tenantId,
      requestingAgentUpn: caller.displayName,
      ...values,
      deviceName: device.name,
      actionsTaken: '',
      closingAgentUpn: '',
      requestCreationTime: now,
      requestClosureTime: null,
      requestRenewTime: null,
      isSuccessfulRequest: true,
      viewerUpns: [],
      passwordLastUpdatedTime: now,
      isDeleted: false,
      ttl: 7_776_000,
      eTag: null,
    };
    this.tenant.elevationRequests.push(request);
    this.tenant.elevatedAccounts.set(device.name.toLowerCase(), {
      accountUpn: `mmdadmin-${this.random.characters(6, 'abcdefghijkmnpqrstuvwxyz23456789')}`,
      password: this.random.characters(20, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789!#%+=?'),
      passwordLastUpdated: now,
      viewedBy: ['System'],
    });
    return { status: 201, json: { '@odata.context': `${CONTEXT}#ElevationRequests/$entity`, ...request } };
  }

  closeElevationRequest(id: string, body: unknown, caller: Caller): ApiResult {
    const request = this.tenant.elevationRequests.find(
      (candidate) => candidate.id.toLowerCase() === id.toLowerCase(),
    );
    if (!request) throw ApiFailure.odata(404, 'This elevation request does not exist.');
    if (request.requestClosureTime !== null)
      throw ApiFailure.odata(400, 'This elevation request was already closed.');
    const actionsTaken = readBody(body)('actionsTaken');
    if (typeof actionsTaken !== 'string') throw ApiFailure.odata(400, 'The field actionsTaken is required.');
    request.actionsTaken = actionsTaken;
    request.closingAgentUpn = caller.displayName;
    request.requestClosureTime = this.now().toISOString();
    this.tenant.elevatedAccounts.delete(request.deviceName.toLowerCase());
    return { status: 204 };
  }

  listElevationRequests(query: URLSearchParams): ApiResult {
    return collection('ElevationRequests', page(this.tenant.elevationRequests, query, { filter: true }));
  }

  getElevationDetails(deviceName: string, caller: Caller): ApiResult {
    const device = findDevice(this.tenant, deviceName);
    if (!device) throw ApiFailure.odata(404, 'This device does not exist.');
    const request = openRequest(this.tenant, device.name);
    const account = this.tenant.elevatedAccounts.get(device.name.toLowerCase());
    if (!request || !account) throw ApiFailure.odata(404, 'This device has no open elevation request.');
    if (!account.viewedBy.includes(caller.displayName)) account.viewedBy.push(caller.displayName);
    if (!request.viewerUpns.includes(caller.displayName)) request.viewerUpns.push(caller.displayName);
    return {
      status: 200,
      json: {
        '@odata.context': `${CONTEXT}#Microsoft.ManagedDesktop.DeviceElevationDetail`,
        tenantId: this.tenant.tenantId,
        deviceName: device.name,
        openedElevationRequestId: request.id,
        aadDeviceId: device.aadDeviceId,
        accountUpn: account.accountUpn,
        password: account.password,
        passwordLastUpdated: account.passwordLastUpdated,
        status: 'PasswordSucceeded',
        isPasswordChanged: false,
        viewedBy: account.viewedBy,
      },
    };
  }
}

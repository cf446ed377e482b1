import type * as types from './generated/types.gen';

/** The empty object type, for "has no required keys" checks. */
type Empty = Record<never, never>;
type Simplify<T> = { [K in keyof T]: T[K] } & Empty;
type TenantOptional<P> = P extends { tenantId: string }
  ? Simplify<Omit<P, 'tenantId'> & { tenantId?: string }>
  : P;
type PathOf<D> = D extends { path: infer P }
  ? Empty extends TenantOptional<P>
    ? { path?: TenantOptional<P> }
    : { path: TenantOptional<P> }
  : Empty;

/**
 * The parameters of an operation, as the generated types declare them (`path`, `query`, `body`),
 * with `path.tenantId` optional: the client fills it from its own `tenantId`.
 */
export type OperationParams<D> = Simplify<Omit<D, 'url' | 'path' | 'headers'> & PathOf<D>>;

/** Per-call options. */
export interface MmdRequestOptions {
  /**
   * Cancels the call, retries and the waits between them included; the call rejects with `AbortError`.
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Milliseconds one attempt of this call may take, for the odd slow operation.
   * @default the client's `timeout` (30000)
   */
  timeout?: number;
  /**
   * Extra request headers, such as a correlation ID of your own. `Authorization` is always the
   * client's own and cannot be replaced here.
   * @default none
   */
  headers?: Record<string, string>;
}

/** The data and result of each operation. */
export interface OperationTypes {
  listDevices: [types.ListDevicesData, types.DeviceCollection];
  getDevice: [types.GetDeviceData, types.DeviceEntity];
  listProfiles: [types.ListProfilesData, types.ProfileCollection];
  reassignDeviceProfile: [types.ReassignDeviceProfileData, string];
  listUsers: [types.ListUsersData, types.UserCollection];
  getUser: [types.GetUserData, types.UserEntity];
  createTicket: [types.CreateTicketData, types.TicketEntity];
  listTickets: [types.ListTicketsData, types.TicketCollection];
  getTicket: [types.GetTicketData, types.TicketEntity];
  addTicketNote: [types.AddTicketNoteData, undefined];
  listTicketNotes: [types.ListTicketNotesData, types.TicketNoteCollection];
  createElevationRequest: [types.CreateElevationRequestData, types.ElevationRequestEntity];
  closeElevationRequest: [types.CloseElevationRequestData, undefined];
  listElevationRequests: [types.ListElevationRequestsData, types.ElevationRequestCollection];
  getElevationDetails: [types.GetElevationDetailsData, types.DeviceElevationDetail];
}

type ParamsArgument<P> = Empty extends P
  ? [params?: P, options?: MmdRequestOptions]
  : [params: P, options?: MmdRequestOptions];

/** The arguments of the method of operation `K`: its parameters (optional when none is required), then per-call options. */
type Args<K extends keyof OperationTypes> = ParamsArgument<OperationParams<OperationTypes[K][0]>>;
type Result<K extends keyof OperationTypes> = Promise<OperationTypes[K][1]>;

/** One method per operation, named by its `operationId`. */
export interface MmdOperations {
  /**
   * Lists the managed devices (`GET /tenants/{tenantId}/devices`). `groups` and `configurations` are
   * empty in lists; page with `paginate('listDevices')`.
   * @example mmd.listDevices({ query: { $searchText: 'jdoe@contoso.com', $top: 50 } })
   */
  listDevices(...args: Args<'listDevices'>): Result<'listDevices'>;
  /**
   * Gets one device with its groups and configurations (`GET /tenants/{tenantId}/devices/{deviceName}`).
   * @example mmd.getDevice({ path: { deviceName: 'MMD-123456789' } })
   */
  getDevice(...args: Args<'getDevice'>): Result<'getDevice'>;
  /**
   * Lists the device profiles enabled for the tenant (`GET /tenants/{tenantId}/profiles`).
   * @example mmd.listProfiles()
   */
  listProfiles(...args: Args<'listProfiles'>): Result<'listProfiles'>;
  /**
   * Starts moving devices, by Entra device ID, to another profile
   * (`PATCH /tenants/{tenantId}/profiles/reassignProfile`); resolves to the service's text message.
   * @example mmd.reassignDeviceProfile({ query: { persona: 'PowerUser', wipe: false }, body: [device.aadDeviceId] })
   */
  reassignDeviceProfile(...args: Args<'reassignDeviceProfile'>): Result<'reassignDeviceProfile'>;
  /**
   * Lists the users with managed devices (`GET /tenants/{tenantId}/users`).
   * @example mmd.listUsers({ query: { $searchText: 'MMD-123456789' } })
   */
  listUsers(...args: Args<'listUsers'>): Result<'listUsers'>;
  /**
   * Gets one user by UPN (`GET /tenants/{tenantId}/users/{userUpn}`), whether the service answers with
   * the user or with the one-element collection the docs show.
   * @example mmd.getUser({ path: { userUpn: 'jdoe@contoso.com' } })
   */
  getUser(...args: Args<'getUser'>): Result<'getUser'>;
  /**
   * Opens a support ticket (`POST /tickets`). Never retried after a 5xx: the ticket may exist already.
   * @example mmd.createTicket({ body: { title, description, type: 'Incident', category: 'Devices', subcategory: 'Hardware', severity: 3, contact } })
   */
  createTicket(...args: Args<'createTicket'>): Result<'createTicket'>;
  /**
   * Lists support tickets (`GET /tickets`), with `$filter`, `$orderby`, `$skip` and `$top`.
   * @example mmd.listTickets({ query: { $filter: "state eq 'active'", $orderby: 'createdDateTime desc' } })
   */
  listTickets(...args: Args<'listTickets'>): Result<'listTickets'>;
  /**
   * Gets one support ticket (`GET /tickets('{ticketId}')`).
   * @example mmd.getTicket({ path: { ticketId: 'MMD-1465058-R5V8P' } })
   */
  getTicket(...args: Args<'getTicket'>): Result<'getTicket'>;
  /**
   * Adds a note for the support engineer (`POST /tickets('{ticketId}')/addNote`); resolves to `undefined`.
   * @example mmd.addTicketNote({ path: { ticketId }, body: { text: 'Rebooted twice, no change.' } })
   */
  addTicketNote(...args: Args<'addTicketNote'>): Result<'addTicketNote'>;
  /**
   * Lists the notes of a ticket (`GET /tickets('{ticketId}')/notes`).
   * @example mmd.listTicketNotes({ path: { ticketId } })
   */
  listTicketNotes(...args: Args<'listTicketNotes'>): Result<'listTicketNotes'>;
  /**
   * Opens a just-in-time elevation request on a device (`POST /tenants/{tenantId}/elevationRequests`).
   * @example mmd.createElevationRequest({ body: { partnerTicketId, deviceName, title, category: 'Office', subcategory: 'Excel', planOfAction } })
   */
  createElevationRequest(...args: Args<'createElevationRequest'>): Result<'createElevationRequest'>;
  /**
   * Closes an elevation request (`PATCH /tenants/{tenantId}/elevationRequests/{elevationRequestId}`);
   * resolves to `undefined`.
   * @example mmd.closeElevationRequest({ path: { elevationRequestId }, body: { actionsTaken: 'Installed the add-in.' } })
   */
  closeElevationRequest(...args: Args<'closeElevationRequest'>): Result<'closeElevationRequest'>;
  /**
   * Lists elevation requests (`GET /tenants/{tenantId}/elevationRequests`), with `$filter`, `$skip`, `$top`.
   * @example mmd.listElevationRequests({ query: { $filter: "deviceName eq 'MMD-03690457680'" } })
   */
  listElevationRequests(...args: Args<'listElevationRequests'>): Result<'listElevationRequests'>;
  /**
   * Gets the open elevation request of a device with the elevated account and its password
   * (`GET /tenants/{tenantId}/devices/{deviceName}/elevationDetails`). Never log the password.
   * @example mmd.getElevationDetails({ path: { deviceName: 'MMD-03690457680' } })
   */
  getElevationDetails(...args: Args<'getElevationDetails'>): Result<'getElevationDetails'>;
}

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

/** One method per operation, named by its `operationId`. */
export type MmdOperations = {
  [K in keyof OperationTypes]: (
    ...args: ParamsArgument<OperationParams<OperationTypes[K][0]>>
  ) => Promise<OperationTypes[K][1]>;
};

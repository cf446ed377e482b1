import type { ApiResult, Caller, MmdApiOperations } from './mmd-api-operations';
import type { OperationName } from './operation-table';

/** What one request gives an operation's behaviour. */
export interface OperationCall {
  readonly api: MmdApiOperations;
  readonly query: URLSearchParams;
  /** The path values by parameter name, decoded (`deviceName`, `ticketId`…). */
  readonly params: Readonly<Record<string, string>>;
  /** The request body as JSON; a body that does not parse is a 400. */
  readonly body: () => Promise<unknown>;
  readonly caller: Caller;
}

type Behaviour = (call: OperationCall) => ApiResult | Promise<ApiResult>;

const param = (call: OperationCall, name: string): string => call.params[name] ?? '';

/**
 * What the mock does for each documented operation. The type demands one behaviour per operation of
 * the generated table, so an operation added to the document does not build until it has one.
 */
export const operationBehaviours: Readonly<Record<OperationName, Behaviour>> = {
  listDevices: ({ api, query }) => api.listDevices(query),
  getDevice: (call) => call.api.getDevice(param(call, 'deviceName')),
  getElevationDetails: (call) => call.api.getElevationDetails(param(call, 'deviceName'), call.caller),
  listProfiles: ({ api }) => api.listProfiles(),
  reassignDeviceProfile: async ({ api, query, body }) => api.reassignDeviceProfile(query, await body()),
  listUsers: ({ api, query }) => api.listUsers(query),
  getUser: (call) => call.api.getUser(param(call, 'userUpn')),
  listElevationRequests: ({ api, query }) => api.listElevationRequests(query),
  createElevationRequest: async ({ api, body, caller }) => api.createElevationRequest(await body(), caller),
  closeElevationRequest: async (call) =>
    call.api.closeElevationRequest(param(call, 'elevationRequestId'), await call.body(), call.caller),
  listTickets: ({ api, query }) => api.listTickets(query),
  createTicket: async ({ api, body }) => api.createTicket(await body()),
  getTicket: (call) => call.api.getTicket(param(call, 'ticketId')),
  addTicketNote: async (call) =>
    call.api.addTicketNote(param(call, 'ticketId'), await call.body(), call.caller),
  listTicketNotes: (call) => call.api.listTicketNotes(param(call, 'ticketId')),
};

import * as sdk from './generated/sdk.gen';
import type { OperationTypes } from './operation-types';

/** How each generated operation is called: its HTTP method, whether `tenantId` is in its path, and its other path parameters. */
export interface OperationSpec {
  readonly call: (options: never) => Promise<unknown>;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly tenantScoped: boolean;
  /** Path parameters besides `tenantId`, which must be given. */
  readonly pathNames: readonly string[];
  /** The path parameter that sits in an OData key literal, `('…')`. */
  readonly odataKey?: string;
  /** What a success answers: JSON, text (`reassignDeviceProfile`), or nothing worth reading. */
  readonly answer: 'json' | 'text' | 'none';
}

const tenant = (
  call: OperationSpec['call'],
  method: OperationSpec['method'],
  answer: OperationSpec['answer'],
  ...names: string[]
): OperationSpec => ({
  call,
  method,
  tenantScoped: true,
  pathNames: ['tenantId', ...names],
  answer,
});
const ticket = (
  call: OperationSpec['call'],
  method: OperationSpec['method'],
  answer: OperationSpec['answer'],
): OperationSpec => ({
  call,
  method,
  tenantScoped: false,
  pathNames: ['ticketId'],
  odataKey: 'ticketId',
  answer,
});

export const operations = {
  listDevices: tenant(sdk.listDevices, 'GET', 'json'),
  getDevice: tenant(sdk.getDevice, 'GET', 'json', 'deviceName'),
  listProfiles: tenant(sdk.listProfiles, 'GET', 'json'),
  reassignDeviceProfile: tenant(sdk.reassignDeviceProfile, 'PATCH', 'text'),
  listUsers: tenant(sdk.listUsers, 'GET', 'json'),
  getUser: tenant(sdk.getUser, 'GET', 'json', 'userUpn'),
  createTicket: {
    call: sdk.createTicket,
    method: 'POST',
    tenantScoped: false,
    pathNames: [],
    answer: 'json',
  },
  listTickets: { call: sdk.listTickets, method: 'GET', tenantScoped: false, pathNames: [], answer: 'json' },
  getTicket: ticket(sdk.getTicket, 'GET', 'json'),
  addTicketNote: ticket(sdk.addTicketNote, 'POST', 'none'),
  listTicketNotes: ticket(sdk.listTicketNotes, 'GET', 'json'),
  createElevationRequest: tenant(sdk.createElevationRequest, 'POST', 'json'),
  closeElevationRequest: tenant(sdk.closeElevationRequest, 'PATCH', 'none', 'elevationRequestId'),
  listElevationRequests: tenant(sdk.listElevationRequests, 'GET', 'json'),
  getElevationDetails: tenant(sdk.getElevationDetails, 'GET', 'json', 'deviceName'),
} satisfies Record<keyof OperationTypes, OperationSpec>;

export type OperationName = keyof typeof operations;

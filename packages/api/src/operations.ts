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
}

const tenant = (
  call: OperationSpec['call'],
  method: OperationSpec['method'],
  ...names: string[]
): OperationSpec => ({
  call,
  method,
  tenantScoped: true,
  pathNames: ['tenantId', ...names],
});
const ticket = (call: OperationSpec['call'], method: OperationSpec['method']): OperationSpec => ({
  call,
  method,
  tenantScoped: false,
  pathNames: ['ticketId'],
  odataKey: 'ticketId',
});

export const operations = {
  listDevices: tenant(sdk.listDevices, 'GET'),
  getDevice: tenant(sdk.getDevice, 'GET', 'deviceName'),
  listProfiles: tenant(sdk.listProfiles, 'GET'),
  reassignDeviceProfile: tenant(sdk.reassignDeviceProfile, 'PATCH'),
  listUsers: tenant(sdk.listUsers, 'GET'),
  getUser: tenant(sdk.getUser, 'GET', 'userUpn'),
  createTicket: { call: sdk.createTicket, method: 'POST', tenantScoped: false, pathNames: [] },
  listTickets: { call: sdk.listTickets, method: 'GET', tenantScoped: false, pathNames: [] },
  getTicket: ticket(sdk.getTicket, 'GET'),
  addTicketNote: ticket(sdk.addTicketNote, 'POST'),
  listTicketNotes: ticket(sdk.listTicketNotes, 'GET'),
  createElevationRequest: tenant(sdk.createElevationRequest, 'POST'),
  closeElevationRequest: tenant(sdk.closeElevationRequest, 'PATCH', 'elevationRequestId'),
  listElevationRequests: tenant(sdk.listElevationRequests, 'GET'),
  getElevationDetails: tenant(sdk.getElevationDetails, 'GET', 'deviceName'),
} satisfies Record<keyof OperationTypes, OperationSpec>;

export type OperationName = keyof typeof operations;

import { decodePathSegments } from '../transport/decode-path';

/** The 15 documented operations, as the router dispatches them. */
export type ApiOperation =
  | 'listDevices'
  | 'getDevice'
  | 'getElevationDetails'
  | 'listProfiles'
  | 'reassignDeviceProfile'
  | 'listUsers'
  | 'getUser'
  | 'listElevationRequests'
  | 'createElevationRequest'
  | 'closeElevationRequest'
  | 'listTickets'
  | 'createTicket'
  | 'getTicket'
  | 'addTicketNote'
  | 'listTicketNotes';

/** A path of the API (below `/support/odata/v1`) and the operation each method runs on it. */
export interface ApiRoute {
  /** The tenant the path names, for the tenant-scoped operations. */
  readonly tenantId?: string;
  /** The device name, user UPN, elevation request ID or ticket ID the path names. */
  readonly key?: string;
  readonly methods: Readonly<Partial<Record<string, ApiOperation>>>;
}

const TICKET_KEY = /^tickets\('(.*)'\)$/s;

function tenantRoute(segments: readonly string[]): ApiRoute | undefined {
  const [, tenantId, collection, key, action, ...rest] = segments;
  if (tenantId === undefined || collection === undefined || rest.length > 0) return undefined;
  const route = (methods: ApiRoute['methods']): ApiRoute => ({
    tenantId,
    ...(key === undefined ? {} : { key }),
    methods,
  });
  switch (`${collection}${key === undefined ? '' : '/{key}'}${action === undefined ? '' : `/${action}`}`) {
    case 'devices':
      return route({ GET: 'listDevices' });
    case 'devices/{key}':
      return route({ GET: 'getDevice' });
    case 'devices/{key}/elevationDetails':
      return route({ GET: 'getElevationDetails' });
    case 'profiles':
      return route({ GET: 'listProfiles' });
    case 'profiles/{key}':
      return key === 'reassignProfile' ? route({ PATCH: 'reassignDeviceProfile' }) : undefined;
    case 'users':
      return route({ GET: 'listUsers' });
    case 'users/{key}':
      return route({ GET: 'getUser' });
    case 'elevationRequests':
      return route({ GET: 'listElevationRequests', POST: 'createElevationRequest' });
    case 'elevationRequests/{key}':
      return route({ PATCH: 'closeElevationRequest' });
    default:
      return undefined;
  }
}

function ticketRoute(segments: readonly string[]): ApiRoute | undefined {
  const [first, action, ...rest] = segments;
  if (first === undefined || rest.length > 0) return undefined;
  if (first === 'tickets') {
    return action === undefined ? { methods: { GET: 'listTickets', POST: 'createTicket' } } : undefined;
  }
  const key = TICKET_KEY.exec(first)?.[1]?.replaceAll("''", "'");
  if (key === undefined) return undefined;
  if (action === undefined) return { key, methods: { GET: 'getTicket' } };
  if (action === 'addNote') return { key, methods: { POST: 'addTicketNote' } };
  if (action === 'notes') return { key, methods: { GET: 'listTicketNotes' } };
  return undefined;
}

/** The route of decoded path segments (below `/support/odata/v1`); `undefined` when there is none. */
export function matchApiRoute(segments: readonly string[]): ApiRoute | undefined {
  return segments[0] === 'tenants' ? tenantRoute(segments) : ticketRoute(segments);
}

/** The methods an API path (below `/support/odata/v1`) answers; `undefined` when it names nothing. */
export function apiPathMethods(path: string): string[] | undefined {
  const segments = decodePathSegments(path);
  const route = segments && matchApiRoute(segments);
  return route ? Object.keys(route.methods) : undefined;
}

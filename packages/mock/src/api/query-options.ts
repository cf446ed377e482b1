import { ApiFailure } from './api-failure';
import type { ApiOperation } from './api-routes';

/**
 * The OData query options (names starting with `$`) each operation declares in
 * `openapi/mmd.openapi.yaml`. Any other `$` option is refused with a 400, as the service does for an
 * option it does not support, rather than silently ignored. Other query parameters (`persona`, `wipe`)
 * are checked by the operations themselves.
 */
const QUERY_OPTIONS: Readonly<Record<ApiOperation, readonly string[]>> = {
  listDevices: ['$searchText', '$skip', '$top'],
  listUsers: ['$searchText', '$skip', '$top'],
  listTickets: ['$filter', '$orderby', '$skip', '$top'],
  listElevationRequests: ['$filter', '$skip', '$top'],
  getDevice: [],
  getElevationDetails: [],
  listProfiles: [],
  reassignDeviceProfile: [],
  getUser: [],
  createElevationRequest: [],
  closeElevationRequest: [],
  createTicket: [],
  getTicket: [],
  addTicketNote: [],
  listTicketNotes: [],
};

/** Throws a 400 (`BadRequest`) for the first query option `operation` does not declare. */
export function checkQueryOptions(operation: ApiOperation, query: URLSearchParams): void {
  const declared = QUERY_OPTIONS[operation];
  for (const name of query.keys()) {
    if (name.startsWith('$') && !declared.includes(name)) {
      const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
      throw new ApiFailure(400, {
        error: { code: 'BadRequest', message: `The query option ${shown} is not supported by ${operation}.` },
      });
    }
  }
}

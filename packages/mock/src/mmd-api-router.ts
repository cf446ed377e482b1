import { randomUUID } from 'node:crypto';
import { ApiFailure } from './api-failure';
import type { TokenClaims } from './entra-token-service';
import type { ApiResult, Caller, MmdApiOperations } from './mmd-api-operations';
import { ODataQueryError } from './odata-query';

/** What the router needs from the model. */
export interface RouterContext {
  verifyToken(token: string): TokenClaims | undefined;
  operationsFor(tenantId: string): MmdApiOperations | undefined;
}

const TICKET_KEY = /^tickets\('(.*)'\)$/s;

function respond(result: ApiResult): Response {
  const headers = { 'request-id': randomUUID(), 'odata-version': '4.0' };
  if ('json' in result) return Response.json(result.json, { status: result.status, headers });
  if ('text' in result)
    return new Response(result.text, {
      status: result.status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(null, { status: 204, headers });
}

function failure(error: ApiFailure): Response {
  return Response.json(error.body, {
    status: error.status,
    headers: {
      'request-id': randomUUID(),
      ...(error.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    },
  });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw ApiFailure.odata(400, 'The request body is not valid JSON.');
  }
}

/**
 * Routes one API request (`path` relative to `/support/odata/v1`) to the model: checks the bearer
 * token and its tenant, decodes each path segment on its own (so an encoded `/` stays inside its
 * segment), parses the OData ticket key, and answers as the docs show.
 */
export async function routeApiRequest(
  request: Request,
  path: string,
  context: RouterContext,
): Promise<Response> {
  try {
    const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const claims = token ? context.verifyToken(token) : undefined;
    if (!claims) throw ApiFailure.odata(401, 'Authorization has been denied for this request.');
    const caller: Caller = { clientId: claims.clientId, displayName: claims.displayName };
    const query = new URL(request.url).searchParams;
    const segments = path
      .split('/')
      .filter((segment, index) => index > 0 || segment !== '')
      .map(decodeURIComponent);
    const method = request.method.toUpperCase();
    const notFound = () => ApiFailure.odata(404, 'No HTTP resource was found that matches the request URI.');
    const notAllowed = () =>
      ApiFailure.odata(405, `The requested resource does not support http method '${method}'.`);

    if (segments[0] === 'tenants') {
      const [, tenantId = '', collection, key, action, ...rest] = segments;
      if (tenantId.toLowerCase() !== claims.tenantId.toLowerCase()) {
        throw ApiFailure.odata(403, "The tenant in the request does not match the token's tenant.");
      }
      const api = context.operationsFor(claims.tenantId);
      if (!api || rest.length > 0) throw notFound();
      const route = `${method} ${collection}${key === undefined ? '' : '/{key}'}${action === undefined ? '' : `/${action}`}`;
      switch (route) {
        case 'GET devices':
          return respond(api.listDevices(query));
        case 'GET devices/{key}':
          return respond(api.getDevice(key as string));
        case 'GET devices/{key}/elevationDetails':
          return respond(api.getElevationDetails(key as string, caller));
        case 'GET profiles':
          return respond(api.listProfiles());
        case 'PATCH profiles/{key}':
          if (key !== 'reassignProfile') throw notFound();
          return respond(api.reassignDeviceProfile(query, await readJson(request)));
        case 'GET users':
          return respond(api.listUsers(query));
        case 'GET users/{key}':
          return respond(api.getUser(key as string));
        case 'GET elevationRequests':
          return respond(api.listElevationRequests(query));
        case 'POST elevationRequests':
          return respond(api.createElevationRequest(await readJson(request), caller));
        case 'PATCH elevationRequests/{key}':
          return respond(api.closeElevationRequest(key as string, await readJson(request), caller));
        default:
          throw ['devices', 'profiles', 'users', 'elevationRequests'].includes(collection ?? '') &&
            action === undefined
            ? notAllowed()
            : notFound();
      }
    }

    const api = context.operationsFor(claims.tenantId);
    if (!api) throw notFound();
    const [first = '', action, ...rest] = segments;
    if (rest.length > 0) throw notFound();
    if (first === 'tickets' && action === undefined) {
      if (method === 'GET') return respond(api.listTickets(query));
      if (method === 'POST') return respond(api.createTicket(await readJson(request)));
      throw notAllowed();
    }
    const ticketId = TICKET_KEY.exec(first)?.[1]?.replaceAll("''", "'");
    if (ticketId === undefined) throw notFound();
    if (action === undefined && method === 'GET') return respond(api.getTicket(ticketId));
    if (action === 'addNote' && method === 'POST')
      return respond(api.addTicketNote(ticketId, await readJson(request), caller));
    if (action === 'notes' && method === 'GET') return respond(api.listTicketNotes(ticketId));
    throw notFound();
  } catch (error) {
    if (error instanceof ApiFailure) return failure(error);
    if (error instanceof ODataQueryError) return failure(ApiFailure.odata(400, error.message));
    if (error instanceof URIError) return failure(ApiFailure.odata(400, 'The request URI is not valid.'));
    throw error;
  }
}

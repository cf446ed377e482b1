import { randomUUID } from 'node:crypto';
import type { TokenClaims } from '../entra/entra-token-service';
import { decodePathSegments, MALFORMED_PATH_MESSAGE } from '../transport/decode-path';
import { readRequestBody } from '../transport/read-request-body';
import { ApiFailure } from './api-failure';
import { type ApiOperation, matchApiRoute } from './api-routes';
import type { ApiResult, Caller, MmdApiOperations } from './mmd-api-operations';
import { ODataQueryError } from './odata-query';
import { checkQueryOptions } from './query-options';

/** What the router needs from the model. */
export interface RouterContext {
  verifyToken(token: string): TokenClaims | undefined;
  operationsFor(tenantId: string): MmdApiOperations | undefined;
}

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

async function readJson(request: Request): Promise<unknown> {
  const text = await readRequestBody(request);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw ApiFailure.odata(400, 'The request body is not valid JSON.');
  }
}

async function run(
  operation: ApiOperation,
  api: MmdApiOperations,
  request: Request,
  key: string,
  caller: Caller,
): Promise<ApiResult> {
  const query = new URL(request.url).searchParams;
  switch (operation) {
    case 'listDevices':
      return api.listDevices(query);
    case 'getDevice':
      return api.getDevice(key);
    case 'getElevationDetails':
      return api.getElevationDetails(key, caller);
    case 'listProfiles':
      return api.listProfiles();
    case 'reassignDeviceProfile':
      return api.reassignDeviceProfile(query, await readJson(request));
    case 'listUsers':
      return api.listUsers(query);
    case 'getUser':
      return api.getUser(key);
    case 'listElevationRequests':
      return api.listElevationRequests(query);
    case 'createElevationRequest':
      return api.createElevationRequest(await readJson(request), caller);
    case 'closeElevationRequest':
      return api.closeElevationRequest(key, await readJson(request), caller);
    case 'listTickets':
      return api.listTickets(query);
    case 'createTicket':
      return api.createTicket(await readJson(request));
    case 'getTicket':
      return api.getTicket(key);
    case 'addTicketNote':
      return api.addTicketNote(key, await readJson(request), caller);
    case 'listTicketNotes':
      return api.listTicketNotes(key);
  }
}

/**
 * Routes one API request (`path` relative to `/support/odata/v1`) to the model, in the order an
 * ASP.NET service answers: a malformed path is a 400, an unknown one a 404, a method the path does
 * not take a 405 with `Allow`; then the bearer token (401) and its tenant (403). Each path segment is
 * decoded on its own, so an encoded `/` stays inside its segment.
 */
export async function routeApiRequest(
  request: Request,
  path: string,
  context: RouterContext,
): Promise<Response> {
  try {
    const segments = decodePathSegments(path);
    if (!segments) throw ApiFailure.odata(400, MALFORMED_PATH_MESSAGE);
    const route = matchApiRoute(segments);
    if (!route) throw ApiFailure.odata(404, 'No HTTP resource was found that matches the request URI.');
    const method = request.method.toUpperCase();
    const operation = route.methods[method];
    if (!operation) {
      throw ApiFailure.odata(405, `The requested resource does not support http method '${method}'.`, {
        allow: Object.keys(route.methods).join(', '),
      });
    }
    const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const claims = token ? context.verifyToken(token) : undefined;
    if (!claims) throw ApiFailure.odata(401, 'Authorization has been denied for this request.');
    if (route.tenantId !== undefined && route.tenantId.toLowerCase() !== claims.tenantId.toLowerCase()) {
      throw ApiFailure.odata(403, "The tenant in the request does not match the token's tenant.");
    }
    checkQueryOptions(operation, new URL(request.url).searchParams);
    const api = context.operationsFor(claims.tenantId);
    if (!api) throw ApiFailure.odata(404, 'No HTTP resource was found that matches the request URI.');
    const caller: Caller = { clientId: claims.clientId, displayName: claims.displayName };
    return respond(await run(operation, api, request, route.key ?? '', caller));
  } catch (error) {
    if (error instanceof ApiFailure) return error.toResponse();
    if (error instanceof ODataQueryError) return ApiFailure.odata(400, error.message).toResponse();
    throw error;
  }
}

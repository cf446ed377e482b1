import { randomUUID } from 'node:crypto';
import type { TokenClaims } from '../entra/entra-token-service';
import { decodePathSegments, MALFORMED_PATH_MESSAGE } from '../transport/decode-path';
import { readRequestBody } from '../transport/read-request-body';
import { ApiFailure } from './api-failure';
import { matchApiRoute } from './api-routes';
import type { ApiResult, Caller, MmdApiOperations } from './mmd-api-operations';
import { ODataQueryError } from './odata-query';
import { operationBehaviours } from './operation-behaviours';
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
    const { tenantId } = route.params;
    if (tenantId !== undefined && tenantId.toLowerCase() !== claims.tenantId.toLowerCase()) {
      throw ApiFailure.odata(403, "The tenant in the request does not match the token's tenant.");
    }
    const query = new URL(request.url).searchParams;
    checkQueryOptions(operation, query);
    const api = context.operationsFor(claims.tenantId);
    if (!api) throw ApiFailure.odata(404, 'No HTTP resource was found that matches the request URI.');
    const caller: Caller = { clientId: claims.clientId, displayName: claims.displayName };
    const behaviour = operationBehaviours[operation];
    return respond(
      await behaviour({ api, query, params: route.params, body: () => readJson(request), caller }),
    );
  } catch (error) {
    if (error instanceof ApiFailure) return error.toResponse();
    if (error instanceof ODataQueryError) return ApiFailure.odata(400, error.message).toResponse();
    throw error;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SetupServer } from 'msw/node';
import {
  type LoopbackAnswer,
  type LoopbackTokenServer,
  useLoopbackTokenServers,
} from './loopback-token-server';
import { useTokenEndpoints } from './token-endpoint';

/** A request a managed identity endpoint on 127.0.0.1 received. */
export interface IdentityRequest {
  readonly method: string | undefined;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

export interface IdentityServer extends LoopbackTokenServer {
  /** Every request so far, in order. */
  readonly seen: IdentityRequest[];
}

/** A JSON answer as IMDS and App Service send them. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** IMDS's token answer: `expires_in` and `expires_on` as strings, for `resource`. */
export function imdsToken(response: ServerResponse, token: string, lifetimeSeconds = 86_399): void {
  sendJson(response, 200, {
    access_token: token,
    client_id: '00000000-0000-0000-0000-000000000000',
    expires_in: String(lifetimeSeconds),
    expires_on: String(Math.floor(Date.now() / 1000) + lifetimeSeconds),
    ext_expires_in: String(lifetimeSeconds),
    not_before: String(Math.floor(Date.now() / 1000)),
    resource: 'https://mwaas-services-customerapi-prod.azurewebsites.net',
    token_type: 'Bearer',
  });
}

/**
 * Managed identity endpoints on 127.0.0.1 for the test file (closed after each test): the credential
 * is pointed at them with `imdsEndpoint` or the variables, never at 169.254.169.254.
 */
export function useIdentityServers(msw: SetupServer): (answer: LoopbackAnswer) => Promise<IdentityServer> {
  const start = useLoopbackTokenServers(msw);
  return async (answer) => {
    const seen: IdentityRequest[] = [];
    const server = await start((response, attempt, request) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      seen.push({
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
      });
      answer(response, attempt, request);
    });
    return { ...server, seen };
  };
}

/** Entra's token endpoint (msw) and managed identity endpoints on 127.0.0.1, for one test file. */
export function useTokenAndIdentityEndpoints() {
  const endpoints = useTokenEndpoints();
  return { ...endpoints, startIdentityServer: useIdentityServers(endpoints.server) };
}

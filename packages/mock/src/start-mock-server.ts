import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockTenantOptions } from './mock-options';
import { MockTenantModel } from './mock-tenant-model';

export const API_BASE_PATH = '/support/odata/v1';

/** Options of the local mock server. */
export interface MockServerOptions extends MockTenantOptions {
  /**
   * The port to listen on; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The address to listen on. Loopback by default: the mock holds test credentials and passwords.
   * @default "127.0.0.1"
   */
  host?: string;
}

/** A running mock server. */
export interface MockServer {
  /** The server's origin, such as `http://127.0.0.1:4010`: the authority host to give credentials. */
  readonly url: string;
  /** `${url}/support/odata/v1`: the `baseUrl` to give `createMmdClient`. */
  readonly baseUrl: string;
  readonly model: MockTenantModel;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  return new Request(`${origin}${incoming.url ?? '/'}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  outgoing.end(body);
}

/**
 * Starts the mock tenant as a local HTTP server: the token endpoint at `/{tenant}/oauth2/v2.0/token`
 * and the API below `/support/odata/v1`, on one origin.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const model = new MockTenantModel(options);
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      try {
        const request = await toRequest(incoming, origin);
        const path = new URL(request.url).pathname;
        const response =
          path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`)
            ? await model.handleApi(request, path.slice(API_BASE_PATH.length))
            : ((await model.handleAuthority(request, path)) ??
              Response.json(
                { error: { code: '404', message: 'No such endpoint on the mock tenant.' } },
                { status: 404 },
              ));
        await writeResponse(response, outgoing);
      } catch (error) {
        outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({
            error: {
              code: '500',
              message: `Mock tenant failure: ${error instanceof Error ? error.message : String(error)}`,
            },
          }),
        );
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: origin,
    baseUrl: `${origin}${API_BASE_PATH}`,
    model,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

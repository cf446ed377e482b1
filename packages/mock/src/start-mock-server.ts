import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiFailure } from './api-failure';
import { apiPathMethods } from './api-routes';
import { authorityPathMethods } from './authority-routes';
import type { MockTenantOptions } from './mock-options';
import { MockTenantModel } from './mock-tenant-model';
import { ClientGoneError, readNodeRequest, type ServerIdentity } from './node-request';
import { writeInternalError, writeRawResponse, writeResponse } from './node-response';
import { MAX_HEADER_BYTES } from './request-limits';
import { validateServerOptions } from './validate-mock-options';

export const API_BASE_PATH = '/support/odata/v1';
const IDLE_CONNECTION_MS = 65_000;
/** How long a client may take to send one whole request, headers and body. */
const SLOW_REQUEST_MS = 10_000;

/** Options of the local mock server. */
export interface MockServerOptions extends MockTenantOptions {
  /**
   * The port to listen on: a whole number from 0 to 65535; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The address to listen on: an IP address or a host name. Loopback by default: the mock holds test
   * credentials and passwords.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Told of an internal error of the mock (a bug), which the client only sees as a 500 with a generic
   * message: never the error's message or stack.
   * @default writes the error to `console.error`
   */
  onError?: (error: unknown) => void;
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

function isApiPath(path: string): boolean {
  return path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`);
}

function methodsOf(path: string): readonly string[] | undefined {
  return isApiPath(path) ? apiPathMethods(path.slice(API_BASE_PATH.length)) : authorityPathMethods(path);
}

async function answer(request: Request, model: MockTenantModel): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (isApiPath(path)) return model.handleApi(request, path.slice(API_BASE_PATH.length));
  return (
    (await model.handleAuthority(request, path)) ??
    ApiFailure.odata(404, 'No such endpoint on the mock tenant.').toResponse()
  );
}

function reportToConsole(error: unknown): void {
  console.error('mmd-mock: internal error; the client was answered 500.', error);
}

/**
 * Starts the mock tenant as a local HTTP server: the token endpoint at `/{tenant}/oauth2/v2.0/token`
 * and the API below `/support/odata/v1`, on one origin. Every hostile request gets a 4xx (see the
 * README's "Hostile requests"); a 500 only ever comes from an injected fault or, as a last resort, a
 * bug of the mock, with a generic message.
 * @throws MockConfigurationError (the promise rejects) when an option is missing or malformed, before
 * anything starts.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const checked = validateServerOptions(options);
  const onError = checked.onError ?? reportToConsole;
  const model = new MockTenantModel(checked.tenant);
  let identity: ServerIdentity | undefined;

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    try {
      if (!identity) throw new Error('a request arrived before the server knew its address');
      const request = await readNodeRequest(incoming, identity);
      const response = request instanceof Response ? request : await answer(request, model);
      await writeResponse(response, outgoing);
    } catch (error) {
      if (error instanceof ClientGoneError) {
        outgoing.destroy();
        return;
      }
      try {
        onError(error);
      } catch {
        // A failing reporter must not take the answer down with it.
      }
      writeInternalError(outgoing);
    }
  };

  const server = createServer(
    // Idle connections stay open well past the 4 s for which clients (undici) keep them: a server that
    // closes first races a client reusing the connection, which then fails with "other side closed".
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      keepAliveTimeout: IDLE_CONNECTION_MS,
      // A client that trickles its headers or its body (slowloris) is answered 408 well before Node's defaults.
      headersTimeout: SLOW_REQUEST_MS,
      requestTimeout: SLOW_REQUEST_MS,
    },
    (incoming, outgoing) => {
      handle(incoming, outgoing).catch(() => outgoing.destroy());
    },
  );
  // CONNECT arrives without a ServerResponse; Node would drop the connection without a word.
  server.on('connect', (_request, socket) => {
    socket.on('error', () => socket.destroy());
    const refusal = ApiFailure.odata(400, 'The mock is not a proxy: CONNECT is refused.').toResponse();
    writeRawResponse(refusal, socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(checked.port, checked.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  identity = {
    origin,
    authorities: [origin, `http://localhost:${address.port}`].map((self) => new URL(self).host.toLowerCase()),
    methodsOf,
  };
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

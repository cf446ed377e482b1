import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiFailure } from '../api/api-failure';
import {
  type MockManagedIdentityEndpoints,
  newIdentityHeader,
} from '../managed-identity/managed-identity-endpoints';
import { APP_SERVICE_TOKEN_PATH, IMDS_TOKEN_PATH } from '../managed-identity/managed-identity-routes';
import { MockTenantModel } from '../model/mock-tenant-model';
import { API_BASE_PATH, serverPathMethods } from './answer-request';
import { checkServerOptions } from './check-server-options';
import type { MockServerOptions } from './mock-server-options';
import type { ServerIdentity } from './node-request';
import { createRequestListener } from './node-request-listener';
import { writeRawResponse } from './node-response';
import { MAX_HEADER_BYTES } from './request-limits';
import { serverTlsMaterial } from './server-tls';

const IDLE_CONNECTION_MS = 65_000;
/** How long a client may take to send one whole request, headers and body. */
const SLOW_REQUEST_MS = 10_000;

/** The certificates of a mock server that speaks https. */
export interface MockServerTls {
  /**
   * The certificate to trust, PEM: the certificate authority made at start (or `tls.ca`, else
   * `tls.cert`, when you gave your own). Write it to a file for `NODE_EXTRA_CA_CERTS` or
   * `curl --cacert`, or pass it as `ca` to an https agent.
   */
  readonly caPem: string;
  /** The certificate the server presents, PEM. */
  readonly certificatePem: string;
}

/** A running mock server. */
export interface MockServer {
  /**
   * The server's origin, such as `http://127.0.0.1:4010` (`https://…` with `tls`): the authority host
   * to give credentials.
   */
  readonly url: string;
  /** `${url}/support/odata/v1`: the `baseUrl` to give `createMmdClient`. */
  readonly baseUrl: string;
  /** The certificates clients trust when the server speaks https (`tls`); `undefined` for http. */
  readonly tls: MockServerTls | undefined;
  readonly model: MockTenantModel;
  /**
   * The managed identity endpoints on the same origin: IMDS at `/metadata/identity/oauth2/token`
   * (`imdsEndpoint` is the origin, for `AZURE_POD_IDENTITY_AUTHORITY_HOST`) and App Service at
   * `/msi/token` (`identityEndpoint` and `identityHeader` are `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`),
   * with the identities they issue tokens for.
   */
  readonly managedIdentity: MockManagedIdentityEndpoints;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

function reportToConsole(error: unknown): void {
  console.error('mmd-mock: internal error; the client was answered 500.', error);
}

/** The identity of a server listening at `address`: its origin and the authorities that name it. */
function identityOf(address: AddressInfo, protocol: 'http:' | 'https:'): ServerIdentity {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `${protocol}//${host}:${address.port}`;
  return {
    protocol,
    origin,
    authorities: [origin, `${protocol}//localhost:${address.port}`].map((self) =>
      new URL(self).host.toLowerCase(),
    ),
    methodsOf: serverPathMethods,
  };
}

/**
 * Starts the mock tenant as a local HTTP server (https with `tls`): the token endpoint at
 * `/{tenant}/oauth2/v2.0/token`, the API below `/support/odata/v1` and the managed identity endpoints
 * (IMDS's `/metadata/identity/oauth2/token`, App Service's `/msi/token`), on one origin. Every hostile
 * request gets a 4xx (see the README's "Hostile requests"); a 500 only ever comes from an injected
 * fault or, as a last resort, a bug of the mock, with a generic message.
 * @throws MockConfigurationError (the promise rejects) when an option is missing or malformed, before
 * anything starts.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const checked = checkServerOptions(options);
  const model = new MockTenantModel(checked.tenant);
  const tls = serverTlsMaterial(checked.tls, checked.host);
  const serverOptions = {
    maxHeaderSize: MAX_HEADER_BYTES,
    // Idle connections stay open well past the 4 s for which clients (undici) keep them: a server that
    // closes first races a client reusing the connection, which then fails with "other side closed".
    keepAliveTimeout: IDLE_CONNECTION_MS,
    // A client that trickles its headers or its body (slowloris) is answered 408 well before Node's defaults.
    headersTimeout: SLOW_REQUEST_MS,
    requestTimeout: SLOW_REQUEST_MS,
  };
  // A client that speaks plain http to the https port fails its handshake: Node drops the connection.
  const server: Server = tls
    ? createHttpsServer({ ...serverOptions, key: tls.key, cert: tls.certificatePem })
    : createHttpServer(serverOptions);
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
  const identity = identityOf(server.address() as AddressInfo, tls ? 'https:' : 'http:');
  // Attached before any connection is read: the listen callback resolved in this same turn.
  const identityHeader = newIdentityHeader();
  server.on(
    'request',
    createRequestListener(model, identity, checked.onError ?? reportToConsole, identityHeader),
  );
  return {
    url: identity.origin,
    baseUrl: `${identity.origin}${API_BASE_PATH}`,
    tls: tls && { caPem: tls.caPem, certificatePem: tls.certificatePem },
    model,
    managedIdentity: {
      ...model.managedIdentity,
      imdsEndpoint: identity.origin,
      imdsTokenUrl: `${identity.origin}${IMDS_TOKEN_PATH}`,
      identityEndpoint: `${identity.origin}${APP_SERVICE_TOKEN_PATH}`,
      identityHeader,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

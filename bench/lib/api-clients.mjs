// The listDevices callers compared in tables 4 and 7, each answering the parsed body of
// `GET …/tenants/{tenantId}/devices` from the static loopback server and throwing on an error status.
// The peers that take a credential get the same one as the SDK (ours, cached: a warm getToken is a
// map lookup), so only the HTTP stack differs.
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import ky from 'ky';
import createOpenApiClient from 'openapi-fetch';
import { Agent, request } from 'undici';

const TOKEN = 'static-benchmark-token';
const SCOPE = 'https://mwaas-services-customerapi-prod.azurewebsites.net/.default';

/** Row labels, in table order. */
export const CLIENT_LABELS = {
  bare: 'bare fetch + hand-set Authorization + response.json()',
  undici: 'undici 7.30.2 request (keep-alive Agent) + body.json()',
  openapiFetch: 'openapi-fetch 0.17.0 GET + token middleware',
  azurePipeline: '@azure/core-rest-pipeline 1.22.2 default pipeline + token policy',
  kyOnly: 'ky 1.14.3 alone (Request in, retry 0), the generated client’s HTTP layer',
  sdk: 'createMmdClient(...).listDevices() (its own undici pool, the default on Node)',
  sdkGlobalFetch: 'createMmdClient({ fetch: globalThis.fetch }).listDevices()',
};

export const CLIENT_NAMES = Object.keys(CLIENT_LABELS);

/** Tables 4, 7 and 11: the SDK and its peers. */
export const PEER_NAMES = CLIENT_NAMES;

/** The credential the SDK gets in `createStaticServerClient`, for the peers that take one. */
async function staticServerCredential(server) {
  const { ClientSecretCredential } = await import('@mmd-sdk/mmd-api');
  return new ClientSecretCredential({
    tenantId: server.tenantId,
    clientId: 'f4e3d2c1-b0a9-4876-9543-210fedcba987',
    clientSecret: 'benchmark-secret-value',
    authorityHost: server.origin,
  });
}

/**
 * Sets `Authorization` from a credential on every request. Azure's own
 * `bearerTokenAuthenticationPolicy` refuses plain http URLs ("Bearer token authentication is not
 * permitted for non-TLS protected (non-https) URLs"), and the loopback server speaks http, so this
 * policy does its per-request part (a cached getToken, then the header) without the https check.
 */
function credentialPolicy(credential) {
  return {
    name: 'benchmarkBearerTokenPolicy',
    async sendRequest(pipelineRequest, next) {
      const { token } = await credential.getToken(SCOPE);
      pipelineRequest.headers.set('authorization', `Bearer ${token}`);
      return next(pipelineRequest);
    },
  };
}

const builders = {
  async bare({ url }) {
    return async () => {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`bare fetch got ${response.status}`);
      return response.json();
    };
  },
  // The floor: undici's own API on a keep-alive Agent, no WHATWG Request or Response.
  async undici({ url }) {
    const dispatcher = new Agent({ keepAliveTimeout: 4_000 });
    return async () => {
      const { statusCode, body } = await request(url, {
        dispatcher,
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
      });
      if (statusCode !== 200) {
        await body.dump();
        throw new Error(`undici got ${statusCode}`);
      }
      return body.json();
    };
  },
  // openapi-fetch over the same OpenAPI path; bench files are plain JS, so no `paths` type is given.
  async openapiFetch({ server }) {
    const credential = await staticServerCredential(server);
    const client = createOpenApiClient({ baseUrl: server.baseUrl, headers: { accept: 'application/json' } });
    client.use({
      async onRequest({ request: outgoing }) {
        const { token } = await credential.getToken(SCOPE);
        outgoing.headers.set('authorization', `Bearer ${token}`);
        return outgoing;
      },
    });
    const params = { path: { tenantId: server.tenantId } };
    return async () => {
      const { data, error, response } = await client.GET('/tenants/{tenantId}/devices', { params });
      if (error !== undefined || !response.ok) throw new Error(`openapi-fetch got ${response.status}`);
      return data;
    };
  },
  // What an Azure SDK client sends through: the default policies (user agent, client request id,
  // retry, tracing, redirect, decompression, logging) on the default Node HTTP client (node:http,
  // keep-alive agent), plus the token policy above.
  async azurePipeline({ server, url }) {
    const credential = await staticServerCredential(server);
    const pipeline = createPipelineFromOptions({});
    pipeline.addPolicy(credentialPolicy(credential), { phase: 'Sign' });
    const httpClient = createDefaultHttpClient();
    return async () => {
      const response = await pipeline.sendRequest(
        httpClient,
        createPipelineRequest({
          url,
          method: 'GET',
          headers: createHttpHeaders({ accept: 'application/json' }),
          // The default HTTP client refuses http URLs too, unless told.
          allowInsecureConnection: true,
        }),
      );
      if (response.status !== 200) throw new Error(`core-rest-pipeline got ${response.status}`);
      return JSON.parse(response.bodyAsText ?? '');
    };
  },
  // The HTTP layer the generated client is built on, called the way the generated client calls it
  // (a Request in, throwing on error statuses, no retries): what the SDK cannot go below.
  async kyOnly({ url }) {
    return () =>
      ky(new Request(url, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } }), {
        retry: 0,
      }).json();
  },
  async sdk({ server }) {
    const { createStaticServerClient } = await import('./static-api-server.mjs');
    const mmd = await createStaticServerClient(server);
    return () => mmd.listDevices();
  },
  // The same client on Node's fetch: a caller's `fetch` makes the SDK step aside from its own pool.
  async sdkGlobalFetch({ server }) {
    const { createStaticServerClient } = await import('./static-api-server.mjs');
    const mmd = await createStaticServerClient(server, { fetch: globalThis.fetch });
    return () => mmd.listDevices();
  },
};

/** Builds the named callers (all by default) against `server` (`baseUrl`, `tenantId`, `origin`). */
export async function createApiClients(server, names = CLIENT_NAMES) {
  const url = `${server.baseUrl}/tenants/${server.tenantId}/devices`;
  const clients = {};
  for (const name of names) {
    if (!builders[name]) throw new Error(`unknown client ${name}; known: ${CLIENT_NAMES.join(', ')}`);
    const call = await builders[name]({ server, url });
    // Each caller is checked once: a wrong answer must not pass for a fast one.
    const body = await call();
    if (body?.value?.length !== 10) throw new Error(`${name} did not answer the 10 devices`);
    clients[name] = call;
  }
  return clients;
}

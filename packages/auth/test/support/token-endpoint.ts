import { http } from 'msw';
import { type RecordedTokenRequest, type Responder, tokenResponse } from './answers';
import { countdown } from './countdown';
import { useMswServer } from './msw-server';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '0c8f4a5b-1d2e-4f3a-9b8c-7d6e5f4a3b2c';
export const CLIENT_SECRET = 'Zx8~Q.s3cr3t-VALUE_not-an-id_42';
export const TOKEN_URL = `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`;

/** The tenant and app every credential of the suite asks tokens for. */
export const IDENTITY = { tenantId: TENANT_ID, clientId: CLIENT_ID };

/** The options of the suite's client-secret credential. */
export const SECRET_OPTIONS = { ...IDENTITY, clientSecret: CLIENT_SECRET };

/**
 * An msw handler for the token endpoint of any tenant that records every request and answers with
 * `respond` (by default a fresh token per request). `received(n)` settles once `n` requests came.
 */
function createTokenEndpoint(respond?: Responder, host = 'https://login.microsoftonline.com') {
  const requests: RecordedTokenRequest[] = [];
  const arrivals = countdown();
  const handler = http.post(`${host}/:tenant/oauth2/v2.0/token`, async ({ request }) => {
    const recorded = {
      url: request.url,
      headers: request.headers,
      form: new URLSearchParams(await request.text()),
      at: Date.now(),
    };
    requests.push(recorded);
    arrivals.tick();
    const index = requests.length - 1;
    return respond ? respond(recorded, index) : tokenResponse(`access-token-${index + 1}`);
  });
  return { handler, requests, received: arrivals.reached };
}

/**
 * The test file's msw server (failing on any request no handler expects), and `serve`, which installs
 * a token endpoint for the current test and returns it.
 */
export function useTokenEndpoints() {
  const server = useMswServer();
  return {
    server,
    serve(respond?: Responder, host?: string) {
      const endpoint = createTokenEndpoint(respond, host);
      server.use(endpoint.handler);
      return endpoint;
    },
  };
}

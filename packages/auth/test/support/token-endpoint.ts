import { HttpResponse, http } from 'msw';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '0c8f4a5b-1d2e-4f3a-9b8c-7d6e5f4a3b2c';
export const CLIENT_SECRET = 'Zx8~Q.s3cr3t-VALUE_not-an-id_42';
export const TOKEN_URL = `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`;

export interface RecordedTokenRequest {
  readonly url: string;
  readonly headers: Headers;
  readonly form: URLSearchParams;
  readonly at: number;
}

type Responder = (request: RecordedTokenRequest, index: number) => Response | Promise<Response>;

/** A token answer as Entra sends it (`expires_in` as a string). */
export function tokenResponse(
  token = 'access-token-1',
  expiresIn: string | number = '3599',
  extra = {},
): Response {
  return HttpResponse.json({
    token_type: 'Bearer',
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: token,
    ...extra,
  });
}

/** An Entra error answer with AADSTS fields. */
export function entraError(status: number, error: string, code: number, description: string): Response {
  return HttpResponse.json(
    {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: 0a1b2c3d-0000-4000-8000-000000000001\r\nCorrelation ID: 0a1b2c3d-0000-4000-8000-000000000002\r\nTimestamp: 2026-11-27 04:00:00Z`,
      error_codes: [code],
      timestamp: '2026-11-27 04:00:00Z',
      trace_id: '0a1b2c3d-0000-4000-8000-000000000001',
      correlation_id: '0a1b2c3d-0000-4000-8000-000000000002',
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { status },
  );
}

/**
 * An msw handler for the token endpoint of any tenant that records every request and answers with
 * `respond` (by default a fresh token per request).
 */
export function createTokenEndpoint(respond?: Responder, host = 'https://login.microsoftonline.com') {
  const requests: RecordedTokenRequest[] = [];
  const handler = http.post(`${host}/:tenant/oauth2/v2.0/token`, async ({ request }) => {
    const recorded = {
      url: request.url,
      headers: request.headers,
      form: new URLSearchParams(await request.text()),
      at: Date.now(),
    };
    requests.push(recorded);
    const index = requests.length - 1;
    return respond ? respond(recorded, index) : tokenResponse(`access-token-${index + 1}`);
  });
  return { handler, requests };
}

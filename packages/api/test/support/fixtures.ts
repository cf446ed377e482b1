import { HttpResponse, http } from 'msw';
import { ClientSecretCredential, createMmdClient, type MmdClientOptions } from '../../src/index';

export const TENANT_ID = '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10';
export const CLIENT_ID = '0c8f4a5b-1d2e-4f3a-9b8c-7d6e5f4a3b2c';
export const CLIENT_SECRET = 'api-test-secret~VALUE.0123456789';
export const BASE_URL = 'https://mmdls.microsoft.com/support/odata/v1';
export const TENANT_BASE = `${BASE_URL}/tenants/${TENANT_ID}`;

/** The token endpoint: answers each request with a new token (`token-1`, `token-2`, …) and counts them. */
export function createTokenEndpoint() {
  const issued: string[] = [];
  const handler = http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () => {
    const token = `token-${issued.length + 1}`;
    issued.push(token);
    return HttpResponse.json({ token_type: 'Bearer', expires_in: '3599', access_token: token });
  });
  return { handler, issued };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

/** Records every API request a handler sees, then answers with `answer`. */
export function recordRequests(
  answer: (request: SeenRequest, index: number) => Response | Promise<Response>,
) {
  const seen: SeenRequest[] = [];
  const handler = http.all(`${BASE_URL}/*`, async ({ request }) => {
    const entry = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(entry);
    return answer(entry, seen.length - 1);
  });
  return { handler, seen };
}

export function createTestClient(options: Partial<MmdClientOptions> = {}) {
  const credential = new ClientSecretCredential({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  return createMmdClient({ credential, tenantId: TENANT_ID, logLevel: 'off', ...options });
}

export function collection(value: unknown[], extra: Record<string, unknown> = {}) {
  return HttpResponse.json({ '@odata.context': `${BASE_URL}/$metadata#Devices`, value, ...extra });
}

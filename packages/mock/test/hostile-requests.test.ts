import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from '../src/api/odata-query';
import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  type MockServer,
  startMockServer,
} from '../src/server';
import { MAX_BODY_BYTES, MAX_URL_LENGTH } from '../src/transport/request-limits';
import { type RawResponse, requestHead, sendRaw } from './support/raw-http';
import { SIGNING_KEY } from './support/signing-key';
import { MMD_SCOPE, requestToken } from './support/token-request';

const TENANT_PATH = `/support/odata/v1/tenants/${MOCK_TENANT_ID}`;
const reported: unknown[] = [];
let server: MockServer;
let host: string;
let token: string;

const raw = (method: string, target: string, headers: Record<string, string> = {}, body = '') =>
  sendRaw(server.url, `${requestHead(method, target, host, headers)}${body}`);
const authorized = (method: string, target: string) =>
  raw(method, target, { authorization: `Bearer ${token}` });
// Spaces are the one character of these expressions a request line cannot carry as is.
const filter = (expression: string) =>
  `${TENANT_PATH}/elevationRequests?$filter=${expression.replaceAll(' ', '%20')}`;
const nested = (depth: number) => `${'('.repeat(depth)}deviceName eq 'x'${')'.repeat(depth)}`;

/** A token request whose client assertion claims a thumbprint that is an object with its own toString. */
function trickAssertionRequest(): Promise<RawResponse> {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = new URLSearchParams({
    client_id: MOCK_CLIENT_ID,
    grant_type: 'client_credentials',
    scope: MMD_SCOPE,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: `${part({ alg: 'PS256', x5t: { toString: 'x' } })}.${part({})}.c2ln`,
  }).toString();
  return raw(
    'POST',
    `/${MOCK_TENANT_ID}/oauth2/v2.0/token`,
    { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
    body,
  );
}

function odataMessage(response: RawResponse): string {
  return (JSON.parse(response.body) as { error: { code: string; message: string } }).error.message;
}

beforeAll(async () => {
  server = await startMockServer({
    seed: 2,
    deviceCount: 10,
    signingKey: SIGNING_KEY,
    onError: (error) => reported.push(error),
  });
  host = new URL(server.url).host;
  token = await requestToken(server.url);
});
afterAll(() => server.close());

/** Every hostile request this suite knows, with the 4xx it must get. */
const HOSTILE: ReadonlyArray<readonly [string, () => Promise<RawResponse>, number]> = [
  [
    'a malformed escape in the tenant segment of an API path',
    () => authorized('GET', `/support/odata/v1/tenants/%E0%A4%A/devices`),
    400,
  ],
  [
    'a malformed escape in the tenant segment of the token endpoint',
    () => raw('POST', '/%zz/oauth2/v2.0/token'),
    400,
  ],
  ['a malformed escape in a path that names nothing', () => raw('GET', '/%zz'), 400],
  ['a malformed escape in a device name', () => authorized('GET', `${TENANT_PATH}/devices/%ED%A0%80`), 400],
  ['4,000 nested parentheses in $filter', () => authorized('GET', filter(nested(4_000))), 400],
  [
    `$filter nested ${MAX_FILTER_DEPTH + 1} deep`,
    () => authorized('GET', filter(nested(MAX_FILTER_DEPTH + 1))),
    400,
  ],
  [`400 'not's in $filter`, () => authorized('GET', filter(`${'not '.repeat(400)}deviceName eq 'x'`)), 400],
  [
    `$filter over ${MAX_FILTER_LENGTH} characters`,
    () => authorized('GET', filter(`deviceName eq '${'x'.repeat(MAX_FILTER_LENGTH)}'`)),
    400,
  ],
  ['TRACE on an API path', () => raw('TRACE', `${TENANT_PATH}/devices`), 405],
  ['TRACE on the token endpoint', () => raw('TRACE', `/${MOCK_TENANT_ID}/oauth2/v2.0/token`), 405],
  ['TRACK, a method Node’s parser refuses itself', () => raw('TRACK', `${TENANT_PATH}/devices`), 400],
  ['TRACE on a path that names nothing', () => raw('TRACE', '/nowhere'), 404],
  ['DELETE on a collection', () => raw('DELETE', '/support/odata/v1/tickets'), 405],
  ['PROPFIND on a ticket', () => raw('PROPFIND', "/support/odata/v1/tickets('MMD-1')"), 405],
  ['GET on the token endpoint', () => raw('GET', `/${MOCK_TENANT_ID}/oauth2/v2.0/token`), 405],
  ['POST on the signing keys', () => raw('POST', `/${MOCK_TENANT_ID}/discovery/v2.0/keys`), 405],
  [
    'an absolute-form target naming another host',
    () => raw('GET', `http://evil.example${TENANT_PATH}/devices`),
    400,
  ],
  ['an absolute-form https target', () => raw('GET', `https://${host}${TENANT_PATH}/devices`), 400],
  ['OPTIONS *', () => raw('OPTIONS', '*'), 400],
  ['GET *', () => raw('GET', '*'), 400],
  ['CONNECT', () => raw('CONNECT', 'evil.example:443'), 400],
  ['a target that is not a path', () => raw('GET', 'support/odata/v1/tickets'), 400],
  [
    `a URL over ${MAX_URL_LENGTH} characters`,
    () => raw('GET', `/support/odata/v1/tickets?${'a'.repeat(MAX_URL_LENGTH)}`),
    414,
  ],
  [
    'a request head over Node’s 64 KiB',
    () => raw('GET', `/support/odata/v1/tickets?${'a'.repeat(70_000)}`),
    431,
  ],
  ['a request line with a space in the target', () => raw('GET', '/a b'), 400],
  [
    'a body over the limit, declared',
    () => raw('POST', '/support/odata/v1/tickets', { 'content-length': String(MAX_BODY_BYTES + 1) }),
    413,
  ],
  [
    'a form posted as JSON to the token endpoint',
    () =>
      raw(
        'POST',
        `/${MOCK_TENANT_ID}/oauth2/v2.0/token`,
        { 'content-type': 'application/json', 'content-length': '2' },
        '{}',
      ),
    400,
  ],
  ['a client assertion whose thumbprint is an object', trickAssertionRequest, 401],
  [
    'a body that is not JSON',
    () =>
      raw(
        'POST',
        '/support/odata/v1/tickets',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': '1' },
        '{',
      ),
    400,
  ],
];

describe('hostile requests to the mock server', () => {
  it.each(HOSTILE)('answers %s with a 4xx (%#)', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.status).toBe(status);
    expect(response.body).not.toMatch(/\bat .+:\d+:\d+|TypeError|RangeError|URIError/);
  });

  it('reports no internal error for any of them', () => {
    expect(reported).toEqual([]);
  });

  it('answers a malformed escape with the usual OData error body', async () => {
    const api = await authorized('GET', '/support/odata/v1/tenants/%E0%A4%A/devices');
    expect(JSON.parse(api.body)).toEqual({
      error: { code: '400', message: expect.stringMatching(/percent-escape/) },
    });
    const token = await raw('POST', '/%zz/oauth2/v2.0/token');
    expect(JSON.parse(token.body)).toEqual({
      error: { code: '400', message: expect.stringMatching(/percent-escape/) },
    });
  });

  it(`bounds $filter: ${MAX_FILTER_LENGTH} characters, ${MAX_FILTER_DEPTH} levels of nesting`, async () => {
    expect((await authorized('GET', filter(nested(MAX_FILTER_DEPTH)))).status).toBe(200);
    expect(odataMessage(await authorized('GET', filter(nested(MAX_FILTER_DEPTH + 1))))).toMatch(
      `more than ${MAX_FILTER_DEPTH} deep`,
    );
    const longest = `deviceName eq '${'x'.repeat(MAX_FILTER_LENGTH - 16)}'`;
    expect(longest).toHaveLength(MAX_FILTER_LENGTH);
    expect((await authorized('GET', filter(longest))).status).toBe(200);
    expect(odataMessage(await authorized('GET', filter(`${longest} `)))).toMatch(
      `the limit is ${MAX_FILTER_LENGTH}`,
    );
    // A long flat list of terms is no nesting: it parses, and evaluates without deep recursion.
    const manyTerms = Array.from({ length: 90 }, () => "deviceName eq 'x'").join(' or ');
    expect(manyTerms.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    expect((await authorized('GET', filter(manyTerms))).status).toBe(200);
  });

  it('answers a method a path does not take with 405 and Allow', async () => {
    const trace = await raw('TRACE', '/support/odata/v1/tickets');
    expect(trace.headers.allow).toBe('GET, POST');
    expect(odataMessage(trace)).toBe("The requested resource does not support http method 'TRACE'.");
    expect((await raw('PUT', `${TENANT_PATH}/elevationRequests/x`)).headers.allow).toBe('PATCH');
    const getToken = await raw('GET', `/${MOCK_TENANT_ID}/oauth2/v2.0/token`);
    expect(getToken.headers.allow).toBe('POST');
    expect(JSON.parse(getToken.body)).toMatchObject({ error: 'invalid_request', error_codes: [900561] });
    const viaFetch = await fetch(`${server.baseUrl}/tickets`, { method: 'DELETE' });
    expect(viaFetch.status).toBe(405);
    expect(viaFetch.headers.get('allow')).toBe('GET, POST');
  });

  it('serves an absolute-form target that names the mock itself, and refuses one naming another host', async () => {
    const self = await raw('GET', `${server.url}${TENANT_PATH}/devices`);
    expect(self.status).toBe(401);
    const other = await raw('GET', `http://evil.example${TENANT_PATH}/devices`);
    expect(odataMessage(other)).toMatch(/not a proxy/);
  });

  it('answers 413 to a body over 1 MiB, declared or streamed in chunks', async () => {
    const big = await fetch(`${server.baseUrl}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
    });
    expect(big.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.baseUrl}/tickets`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += 65_536) request.write(Buffer.alloc(65_536, 0x20));
      request.end();
    });
    expect(chunked).toBe(413);
    const fits = await fetch(`${server.baseUrl}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.alloc(MAX_BODY_BYTES, 0x20),
    });
    expect(fits.status).toBe(400);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${server.baseUrl}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'The request body is not valid JSON.',
    );
  });

  it('answers the token endpoint in Entra’s shape when the body is not a form or lacks grant_type', async () => {
    const url = `${server.url}/${MOCK_TENANT_ID}/oauth2/v2.0/token`;
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: MOCK_CLIENT_ID, grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    const body = (await json.json()) as { error: string; error_codes: number[]; error_description: string };
    expect(body).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
    expect(body.error_description).toMatch(
      /^AADSTS900144: The request body must contain the following parameter: 'grant_type'/,
    );
    const noGrant = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: MOCK_CLIENT_ID,
        client_secret: MOCK_CLIENT_SECRET,
        scope: MMD_SCOPE,
      }),
    });
    expect(((await noGrant.json()) as { error_codes: number[] }).error_codes).toEqual([900144]);
  });

  it('keeps serving after a client drops its connection mid-body', async () => {
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${server.baseUrl}/tickets`, {
        method: 'POST',
        headers: { 'content-length': '1000' },
      });
      request.on('error', () => resolve());
      request.write('{"title":');
      setImmediate(() => {
        request.destroy();
        resolve();
      });
    });
    expect((await raw('GET', '/support/odata/v1/tickets')).status).toBe(401);
    expect(reported).toEqual([]);
  });

  it('answers a bug of its own with a generic 500 that leaks neither message nor stack', async () => {
    const { model } = server;
    const handleApi = model.handleApi;
    model.handleApi = () => Promise.reject(new Error('secret internal detail at /home/mock/src/x.ts:1:2'));
    try {
      const response = await authorized('GET', `${TENANT_PATH}/devices`);
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toEqual({
        error: { code: '500', message: 'The mock tenant could not answer this request.' },
      });
      expect(response.body).not.toMatch(/secret|\/home\/|x\.ts/);
      expect(reported).toHaveLength(1);
      expect(String(reported[0])).toMatch(/secret internal detail/);
    } finally {
      model.handleApi = handleApi;
      reported.length = 0;
    }
    expect((await authorized('GET', `${TENANT_PATH}/devices`)).status).toBe(200);
  });
});

import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createMmdClient,
  MmdConfigurationError,
  TokenRequestError,
  UnsafeRequestError,
} from '../src/index';
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
  TENANT_ID,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

describe('the bearer token', () => {
  it('is fetched once and sent on every call', async () => {
    const tokens = createTokenEndpoint();
    const api = recordRequests(() => collection([]));
    server.use(tokens.handler, api.handler);
    const mmd = createTestClient();
    await Promise.all(Array.from({ length: 25 }, () => mmd.listDevices()));
    await mmd.listTickets();
    expect(tokens.issued).toEqual(['token-1']);
    expect(api.seen).toHaveLength(26);
    expect(new Set(api.seen.map((request) => request.headers.get('authorization')))).toEqual(
      new Set(['Bearer token-1']),
    );
  });

  it('comes from the tenantId + clientId + clientSecret shortcut', async () => {
    const tokens = createTokenEndpoint();
    const api = recordRequests(() => collection([]));
    server.use(tokens.handler, api.handler);
    const mmd = createMmdClient({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      logLevel: 'off',
    });
    await mmd.listDevices();
    expect(api.seen[0]?.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('comes from a getToken function', async () => {
    const api = recordRequests(() => collection([]));
    server.use(api.handler);
    const mmd = createMmdClient({
      getToken: async () => 'from-function',
      tenantId: TENANT_ID,
      logLevel: 'off',
    });
    await mmd.listDevices();
    expect(api.seen[0]?.headers.get('authorization')).toBe('Bearer from-function');
  });

  it('comes from any TokenCredential-shaped object, asked for the MMD scope', async () => {
    const asked: unknown[] = [];
    const api = recordRequests(() => collection([]));
    server.use(api.handler);
    const credential = {
      getToken: async (scopes: string | string[]) => {
        asked.push(scopes);
        return { token: 'from-credential', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    await createMmdClient({ credential, tenantId: TENANT_ID, logLevel: 'off' }).listDevices();
    expect(asked).toEqual(['https://mwaas-services-customerapi-prod.azurewebsites.net/.default']);
    expect(api.seen[0]?.headers.get('authorization')).toBe('Bearer from-credential');
  });

  it('cannot be replaced by a caller: an Authorization header is refused before any request', async () => {
    const api = recordRequests(() => collection([]));
    server.use(createTokenEndpoint().handler, api.handler);
    const error = await createTestClient()
      .listDevices({}, { headers: { Authorization: 'Bearer forged', 'x-trace': '1' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MmdConfigurationError);
    expect((error as MmdConfigurationError).option).toBe('options.headers.Authorization');
    expect(api.seen).toHaveLength(0);
    await createTestClient().listDevices({}, { headers: { 'x-trace': '1' } });
    expect(api.seen[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(api.seen[0]?.headers.get('x-trace')).toBe('1');
  });

  it('is refreshed once after a 401, and the call retried', async () => {
    const tokens = createTokenEndpoint();
    const api = recordRequests((request) =>
      request.headers.get('authorization') === 'Bearer token-1'
        ? HttpResponse.json({ error: { code: '401', message: 'Token expired.' } }, { status: 401 })
        : collection([{ name: 'MMD-1' }]),
    );
    server.use(tokens.handler, api.handler);
    const page = await createTestClient().listDevices();
    expect(page.value).toHaveLength(1);
    expect(tokens.issued).toEqual(['token-1', 'token-2']);
    expect(api.seen.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('raises AuthenticationError on a second 401, after exactly one refresh', async () => {
    const tokens = createTokenEndpoint();
    const api = recordRequests(() =>
      HttpResponse.json({ error: { code: '401', message: 'Unauthorized.' } }, { status: 401 }),
    );
    server.use(tokens.handler, api.handler);
    const error = await createTestClient()
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe('listDevices failed: 401 Unauthorized.');
    expect(tokens.issued).toHaveLength(2);
    expect(api.seen).toHaveLength(2);
  });

  it('lets a token-endpoint failure through as TokenRequestError, without calling the API', async () => {
    const api = recordRequests(() => collection([]));
    server.use(
      http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () =>
        HttpResponse.json(
          {
            error: 'invalid_client',
            error_codes: [7000215],
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
          { status: 401 },
        ),
      ),
      api.handler,
    );
    const error = await createTestClient()
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).hint).toMatch(/Secret ID/);
    expect(api.seen).toHaveLength(0);
  });
});

describe('the token stays home', () => {
  it('is not sent along a redirect, which is not followed', async () => {
    const elsewhere: string[] = [];
    server.use(
      createTokenEndpoint().handler,
      http.get(
        `${BASE_URL}/tenants/:tenant/devices`,
        () =>
          new HttpResponse(null, { status: 302, headers: { location: 'https://attacker.example/steal' } }),
      ),
      http.all('https://attacker.example/*', ({ request }) => {
        elsewhere.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ value: [] });
      }),
    );
    const error = await createTestClient()
      .listDevices()
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'listDevices failed: 302 redirect to https://attacker.example not followed; the bearer token is only sent to the configured baseUrl.',
    );
    expect(elsewhere).toHaveLength(0);
  });

  it('is not sent to an @odata.nextLink on another origin', async () => {
    const elsewhere: string[] = [];
    server.use(
      createTokenEndpoint().handler,
      recordRequests(() =>
        collection([{ name: 'MMD-1' }], {
          '@odata.nextLink': 'https://attacker.example/support/odata/v1/next',
        }),
      ).handler,
      http.all('https://attacker.example/*', ({ request }) => {
        elsewhere.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ value: [] });
      }),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const device of createTestClient().paginate('listDevices'))
        seen.push((device as { name: string }).name);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['MMD-1']);
    expect(error).toBeInstanceOf(UnsafeRequestError);
    expect((error as Error).message).toMatch(
      /refusing to follow @odata\.nextLink to https:\/\/attacker\.example/,
    );
    expect(elsewhere).toHaveLength(0);
  });

  it('is not sent to a baseUrl smuggled into the parameters of one call', async () => {
    const elsewhere: string[] = [];
    server.use(
      createTokenEndpoint().handler,
      http.all('https://attacker.example/*', ({ request }) => {
        elsewhere.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ value: [] });
      }),
    );
    const params = { baseUrl: 'https://attacker.example/support/odata/v1' } as unknown as Parameters<
      ReturnType<typeof createTestClient>['listDevices']
    >[0];
    const error = await createTestClient()
      .listDevices(params)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MmdConfigurationError);
    expect((error as Error).message).toBe('params.baseUrl is not an option here; use path, query.');
    expect(elsewhere).toHaveLength(0);
  });

  it.each([
    ['http://mmdls.microsoft.com/support/odata/v1', /must use https/],
    ['http://10.1.2.3/support/odata/v1', /must use https/],
    ['not a url', /absolute URL/],
  ])('refuses baseUrl %s', (baseUrl, message) => {
    expect(() => createTestClient({ baseUrl })).toThrow(MmdConfigurationError);
    expect(() => createTestClient({ baseUrl })).toThrow(message);
  });

  it('accepts plain http to loopback, for the mock tenant', () => {
    expect(createTestClient({ baseUrl: 'http://127.0.0.1:4010/support/odata/v1/' }).baseUrl).toBe(
      'http://127.0.0.1:4010/support/odata/v1',
    );
  });
});

describe('creating a client', () => {
  it('needs a credential', () => {
    expect(() => createMmdClient({ tenantId: TENANT_ID })).toThrow(
      /createMmdClient needs a credential: pass credential/,
    );
  });

  it('rejects a tenantId that is not a GUID', () => {
    expect(() => createTestClient({ tenantId: 'contoso.onmicrosoft.com' })).toThrow(
      /tenantId must be the tenant's Entra ID, a GUID/,
    );
  });

  it('takes one way to get tokens, not several', () => {
    expect(() =>
      createMmdClient({
        getToken: async () => 't',
        clientSecret: 's',
        clientId: CLIENT_ID,
        tenantId: TENANT_ID,
      }),
    ).toThrow(/one of credential, getToken or clientSecret/);
  });

  it('keeps clients apart: no shared state between two clients', async () => {
    const api = recordRequests(() => collection([]));
    server.use(api.handler);
    const a = createMmdClient({ getToken: async () => 'token-a', tenantId: TENANT_ID, logLevel: 'off' });
    const b = createMmdClient({
      getToken: async () => 'token-b',
      tenantId: TENANT_ID,
      logLevel: 'off',
      userAgent: 'b',
    });
    await a.listDevices();
    await b.listDevices();
    await a.listDevices();
    expect(api.seen.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer token-a',
      'Bearer token-b',
      'Bearer token-a',
    ]);
    expect(api.seen[0]?.headers.get('user-agent')).not.toMatch(/^b /);
  });
});

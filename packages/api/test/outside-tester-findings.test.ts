import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMmdClient,
  InvalidResponseError,
  MmdConfigurationError,
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

// What an outside tester, holding only the packed packages, broke after the hostile-network work.
describe('findings of the outside test', () => {
  afterEach(() => {
    const prototype = Object.prototype as Record<string, unknown>;
    for (const key of ['baseUrl', 'authorityHost']) delete prototype[key];
  });

  it('scrubs the token a server echoes into the content type of a 200 that is not JSON', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SigNaTure';
    server.use(
      recordRequests(
        (request) =>
          new HttpResponse('x', {
            headers: { 'content-type': `text/${request.headers.get('authorization')?.slice(7)}` },
          }),
      ).handler,
    );
    const error = await createMmdClient({ getToken: async () => token, tenantId: TENANT_ID, maxRetries: 0 })
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('content type text/[REDACTED]');
    expect(inspect(error, { showHidden: true, depth: 5 })).not.toContain(token);
  });

  it('names no path of a refused same-origin nextLink: a server can spell the token there', async () => {
    const api = recordRequests((request) =>
      collection([{ name: 'MMD-1' }], {
        '@odata.nextLink': `https://mmdls.microsoft.com/elsewhere/${request.headers.get('authorization')?.slice(7)}`,
      }),
    );
    server.use(createTokenEndpoint().handler, api.handler);
    const error = await createTestClient()
      .paginate('listDevices')
      .toArray({ limit: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsafeRequestError);
    const shown = `${(error as Error).message} ${(error as Error).stack} ${inspect(error, { showHidden: true })}`;
    expect(shown).not.toContain('token-1');
    expect(shown).toContain('outside the API base path');
  });

  it('scrubs a token echoed with every byte percent-encoded, or with one character encoded', async () => {
    const token = 'eyJ0eXAi.long-token_VALUE~0123456789';
    const spell = (text: string) =>
      [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    const oneEncoded = `${token.slice(0, 3)}%${token.charCodeAt(3).toString(16)}${token.slice(4)}`;
    server.use(
      recordRequests(() =>
        HttpResponse.json(
          { error: { code: 'Bad', message: `got ${spell(token)} and ${oneEncoded}` } },
          { status: 400 },
        ),
      ).handler,
    );
    const error = await createMmdClient({ getToken: async () => token, tenantId: TENANT_ID, logLevel: 'off' })
      .listDevices()
      .catch((caught: unknown) => caught);
    const shown = `${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 10 })}`;
    expect(shown).not.toContain(spell(token));
    expect(shown).not.toContain(oneEncoded);
    expect(shown).toContain('[REDACTED');
  });

  it('stops paging when a server ignores $skip and answers the same page again', async () => {
    const api = recordRequests(() => collection([{ name: 'MMD-1' }, { name: 'MMD-2' }]));
    server.use(createTokenEndpoint().handler, api.handler);
    const items = await createTestClient()
      .paginate('listDevices', {}, { pageSize: 2 })
      .toArray({ limit: 1000 });
    expect(items).toHaveLength(2);
    expect(api.seen).toHaveLength(2);
  });

  it('refuses a nextLink with an encoded slash that a gateway could decode into another path', async () => {
    const api = recordRequests(() =>
      collection([{ name: 'MMD-1' }], { '@odata.nextLink': `${BASE_URL}/..%2F..%2Fother` }),
    );
    server.use(createTokenEndpoint().handler, api.handler);
    const error = await createTestClient()
      .paginate('listDevices')
      .toArray({ limit: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsafeRequestError);
    expect(api.seen).toHaveLength(1);
  });

  it('reads no option from a polluted Object.prototype', async () => {
    // Not enumerable, or every for-in loop of the test runner would trip over them first; what is
    // tested is that the SDK never reads an option through the prototype chain.
    for (const [key, value] of [
      ['baseUrl', 'https://attacker.example/api'],
      ['authorityHost', 'https://attacker.example'],
    ]) {
      Object.defineProperty(Object.prototype, key as string, { value, configurable: true, writable: true });
    }
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
    expect(tokens.issued).toHaveLength(1);
    expect(api.seen).toHaveLength(1);
  });

  it.each([
    [
      'a query name that is URL syntax',
      () => createTestClient().listDevices({ query: { 'a#b': 1 } as never }),
    ],
    [
      'a body with a cycle',
      () => {
        const body: Record<string, unknown> = {};
        body.self = body;
        return createTestClient().createTicket({ body: body as never });
      },
    ],
    [
      'a fetch that resolves with no Response',
      () => createTestClient({ fetch: (async () => ({})) as never }).listDevices(),
    ],
    [
      'scopes that are no scopes',
      async () =>
        createMmdClient({
          tenantId: TENANT_ID,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          scopes: 5 as never,
        }),
    ],
    ['a path value with a slash', () => createTestClient().getDevice({ path: { deviceName: '../x' } })],
  ])('refuses %s with a configuration error, before any request', async (_, call) => {
    const api = recordRequests(() => collection([]));
    server.use(createTokenEndpoint().handler, api.handler);
    await expect(call()).rejects.toBeInstanceOf(MmdConfigurationError);
    expect(api.seen).toHaveLength(0);
  });
});

/**
 * Regression tests for what a hostile or broken server, credential or caller could do to the client
 * before it was rebuilt on the core: leak the token, hang forever, read without bound, smuggle
 * options, storm the token endpoint, page forever, or fail with the wrong error. Each test fails on
 * the old client. No test depends on speed: retries wait 0 ms, a short `timeout` only proves that a
 * hang is cut, and no wall-clock bound is tighter than 10 s (`settleWithin`).
 */

import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';
import {
  ClientSecretCredential,
  createMmdClient,
  InvalidResponseError,
  MmdApiError,
  type MmdClientOptions,
  MmdConfigurationError,
  MmdError,
  PermissionDeniedError,
  ResponseTooLargeError,
  TimeoutError,
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
import { everyUntilClosed, sendJson, useLoopbackServers } from './support/loopback-api';
import { useMswServer } from './support/msw-server';
import { seededRandom } from './support/seeded-random';

/** A valid RFC 6750 token that every encoder spells differently: `+`, `/`, `~` and `=` padding. */
const TOKEN = 'eyJ0eXAiOi.Jb+GciOi/JSUzI1~NiJ9.Xq+7/w~Zk_2-Lm==';

/** `\uXXXX` for each character of `text` that `escaped` matches, as JSON encoders write it. */
const unicodeEscaped = (text: string, escaped: RegExp) =>
  text.replace(escaped, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The ways servers and proxies echo a token back: each encoder escapes a different set of characters. */
function spellingsOf(token: string): Record<string, string> {
  return {
    raw: token,
    encodeURIComponent: encodeURIComponent(token),
    'form-encoded (URLSearchParams, Java URLEncoder)': new URLSearchParams({ t: token }).toString().slice(2),
    "Python's quote (leaves /)": encodeURIComponent(token).replaceAll('%2F', '/'),
    "Go's PathEscape (leaves + and =)": token.replaceAll('/', '%2F'),
    'JSON with \\/ (PHP)': token.replaceAll('/', '\\/'),
    'JSON as .NET writes it (\\u002B)': unicodeEscaped(token, /[+]/g),
    'JSON as Gson writes it (\\u003d)': unicodeEscaped(token, /[=]/g),
    'JSON with every symbol as \\uXXXX': unicodeEscaped(token, /[+/~=]/g),
  };
}

const TOKEN_SPELLINGS = spellingsOf(TOKEN);

/** Every way an error is likely to be shown: message, stack, String, JSON and util.inspect with hidden fields. */
function renderings(error: unknown): string[] {
  const fields = error as Partial<MmdApiError>;
  return [
    error instanceof Error ? error.message : '',
    error instanceof Error ? (error.stack ?? '') : '',
    String(error),
    JSON.stringify(error) ?? '',
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    String(fields.requestId ?? ''),
    String(fields.code ?? ''),
    JSON.stringify(fields.headers ?? {}),
    JSON.stringify(fields.body ?? null),
  ];
}

function expectNoneContains(texts: string[], secrets: Record<string, string>): void {
  for (const text of texts) {
    for (const [spelling, secret] of Object.entries(secrets)) {
      expect(text.includes(secret), `the ${spelling} spelling leaked into: ${text.slice(0, 400)}`).toBe(
        false,
      );
    }
  }
}

/** Settles as `work` does, or fails the test if it is still pending after `ms`: the wait was unbounded. */
async function settleWithin<T>(work: Promise<T>, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms: nothing bounds the wait`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error `work` throws or rejects with (within 10 s); fails the test if it succeeds. */
async function failureOf(work: () => unknown): Promise<unknown> {
  let outcome: unknown;
  try {
    outcome = await settleWithin(Promise.resolve().then(work));
  } catch (error) {
    return error;
  }
  return expect.fail(`expected a failure, got ${inspect(outcome, { depth: 1 }).slice(0, 200)}`);
}

function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (line: string) => lines.push(`${level} ${line}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('with msw', () => {
  const server = useMswServer();

  /** The token endpoint and the API, both counting what reaches them. */
  function serveCounting(answer: () => Response = () => collection([])) {
    const tokens = createTokenEndpoint();
    const apiRequests = recordRequests(answer);
    server.use(tokens.handler, apiRequests.handler);
    return { tokens: tokens.issued, requests: apiRequests.seen };
  }

  describe('1. a token echoed in request ids, headers or body', () => {
    it.each(['x-ms-request-id', 'request-id', 'client-request-id'])(
      'is scrubbed from an error whose %s echoes it, in every spelling',
      async (header) => {
        const { lines, logger } = recordingLogger();
        const mmd = createMmdClient({
          getToken: async () => TOKEN,
          tenantId: TENANT_ID,
          maxRetries: 0,
          logLevel: 'debug',
          logger,
        });
        for (const [name, spelling] of Object.entries(TOKEN_SPELLINGS)) {
          server.use(
            http.all(`${BASE_URL}/*`, ({ request }) => {
              expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
              return HttpResponse.json(
                {
                  error: { code: spelling, message: `token ${spelling} is not allowed here` },
                  echo: spelling,
                },
                {
                  status: 403,
                  statusText: `Forbidden ${spelling}`,
                  headers: { [header]: spelling, 'x-echo': `Bearer ${spelling}` },
                },
              );
            }),
          );
          const error = await failureOf(() => mmd.listDevices());
          expect(error, name).toBeInstanceOf(PermissionDeniedError);
          expectNoneContains(renderings(error), TOKEN_SPELLINGS);
        }
        expectNoneContains(lines, TOKEN_SPELLINGS);
      },
    );

    it('is scrubbed from the longest token accepted, dense with + and / (the redactor never throws)', async () => {
      // 16,383 characters, 10,922 of them + or /: a pattern of one group per symbol cannot compile.
      const token = 'x+/'.repeat(5_461);
      const spellings = {
        raw: token,
        encodeURIComponent: encodeURIComponent(token),
        formEncoded: new URLSearchParams({ t: token }).toString().slice(2),
      };
      for (const [name, spelling] of Object.entries(spellings)) {
        server.use(
          http.all(`${BASE_URL}/*`, () =>
            HttpResponse.json(
              { error: { code: '403', message: `refused ${spelling}` } },
              { status: 403, headers: { 'x-ms-request-id': spelling } },
            ),
          ),
        );
        const mmd = createMmdClient({
          getToken: async () => token,
          tenantId: TENANT_ID,
          maxRetries: 0,
          logLevel: 'off',
        });
        const error = await failureOf(() => mmd.listDevices());
        expect(error, name).toBeInstanceOf(PermissionDeniedError);
        // Before, this was a SyntaxError quoting the redactor's pattern; a 100-character run is a leak.
        expectNoneContains(renderings(error), {
          run: token.slice(0, 100),
          encodedRun: encodeURIComponent(token).slice(0, 100),
        });
      }
    });
  });

  describe('2. a token with a line break or NUL from the credential', () => {
    const HEAD = 'leakyHeadA1b2C3';
    const TAIL = 'leakyTailD4e5F6';
    const sources = {
      credential: (token: string): Partial<MmdClientOptions> => ({
        credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
      }),
      getToken: (token: string): Partial<MmdClientOptions> => ({ getToken: async () => token }),
    };

    it.each(
      Object.keys(sources).flatMap((source) =>
        ['\n', '\r', '\0', '\r\nX-Injected: 1\r\n'].map((control) => [source, control] as const),
      ),
    )(
      'from %s (%j) is a TokenRequestError that never shows it, and no request is sent',
      async (source, control) => {
        const { requests } = serveCounting();
        const { lines, logger } = recordingLogger();
        const token = `${HEAD}${control}${TAIL}`;
        const mmd = createMmdClient({
          ...sources[source as keyof typeof sources](token),
          tenantId: TENANT_ID,
          logLevel: 'debug',
          logger,
        });
        const error = await failureOf(() => mmd.listDevices());
        expect(error).toBeInstanceOf(TokenRequestError);
        expect(error).toBeInstanceOf(MmdError);
        expectNoneContains([...renderings(error), ...lines], { token, HEAD, TAIL });
        expect(requests).toHaveLength(0);
      },
    );

    it('from the token endpoint of the clientSecret shortcut is a TokenRequestError too', async () => {
      const apiRequests = recordRequests(() => collection([]));
      const token = `${HEAD}\n${TAIL}`;
      server.use(
        http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () =>
          HttpResponse.json({ token_type: 'Bearer', expires_in: 3599, access_token: token }),
        ),
        apiRequests.handler,
      );
      const { lines, logger } = recordingLogger();
      const mmd = createMmdClient({
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        logLevel: 'debug',
        logger,
      });
      const error = await failureOf(() => mmd.listDevices());
      expect(error).toBeInstanceOf(TokenRequestError);
      expectNoneContains([...renderings(error), ...lines], { token, HEAD, TAIL, CLIENT_SECRET });
      expect(apiRequests.seen).toHaveLength(0);
    });
  });

  describe('3. options smuggled through params', () => {
    it.each([
      ['kyOptions', { kyOptions: {} }],
      ['kyOptions', JSON.parse('{"kyOptions":{}}')],
      ['kyOptions', { query: { $top: 1 }, kyOptions: { prefixUrl: 'https://elsewhere.example' } }],
      ['headers', { headers: { authorization: 'x' } }],
      ['auth', { auth: 'x' }],
      ['baseUrl', { baseUrl: 'https://elsewhere.example' }],
      ['url', { url: '/x' }],
      ['client', { client: {} }],
      ['security', { security: [{ type: 'http', scheme: 'bearer' }] }],
      ['__proto__', JSON.parse('{"__proto__":{"kyOptions":{}}}')],
    ])('params.%s is refused before any request', async (key, params) => {
      const { tokens, requests } = serveCounting();
      const error = await failureOf(() => createTestClient().listDevices(params as never));
      expect(error).toBeInstanceOf(MmdConfigurationError);
      expect((error as MmdConfigurationError).option).toBe(`params.${key}`);
      expect((error as Error).message).toContain(`params.${key}`);
      expect(requests).toHaveLength(0);
      expect(tokens).toHaveLength(0);
    });

    it('is refused on a POST with a body too, and in the per-call options', async () => {
      const { tokens, requests } = serveCounting();
      const mmd = createTestClient();
      const body = {
        title: 'T',
        description: 'D',
        type: 'Incident',
        category: 'Devices',
        subcategory: 'Hardware',
        severity: 4,
        contact: { givenName: 'J', surname: 'D', email: 'j@contoso.com', phoneNumber: '1' },
      };
      const onPost = await failureOf(() => mmd.createTicket({ body, kyOptions: {} } as never));
      expect(onPost).toMatchObject({ option: 'params.kyOptions' });
      const perCall = await failureOf(() => mmd.listDevices(undefined, { kyOptions: {} } as never));
      expect(perCall).toMatchObject({ option: 'options.kyOptions' });
      expect(perCall).toBeInstanceOf(MmdConfigurationError);
      expect(requests).toHaveLength(0);
      expect(tokens).toHaveLength(0);
    });
  });

  describe('4. a refresh storm', () => {
    async function storm(apiDelay: () => number) {
      const tokens = createTokenEndpoint();
      const seen: string[] = [];
      server.use(
        tokens.handler,
        http.get(`${BASE_URL}/tenants/:tenant/devices`, async ({ request }) => {
          const authorization = request.headers.get('authorization') ?? '';
          seen.push(authorization);
          const wait = apiDelay();
          if (wait > 0) await delay(wait);
          return authorization === 'Bearer token-1'
            ? HttpResponse.json({ error: { code: '401', message: 'Token expired.' } }, { status: 401 })
            : collection([{ name: 'MMD-1' }]);
        }),
      );
      const mmd = createTestClient({ maxRetryDelay: 0 });
      const results = await settleWithin(
        Promise.allSettled(Array.from({ length: 1_000 }, () => mmd.listDevices())),
        50_000,
      );
      const failed = results.filter((result) => result.status === 'rejected');
      expect(failed.length, inspect(failed[0], { depth: 3 })).toBe(0);
      expect(tokens.issued).toEqual(['token-1', 'token-2']);
      expect(seen.length).toBeLessThanOrEqual(2_000);
      expect(seen.filter((authorization) => authorization !== 'Bearer token-1').length).toBe(1_000);
    }

    it('1,000 concurrent calls refused with one token cause exactly one refresh', async () => {
      await storm(() => 0);
    });

    it('still one refresh when the refusals arrive at different times (seeded delays)', async () => {
      const random = seededRandom(0x5eed);
      await storm(() => Math.floor(random() * 25));
    });
  });

  describe('9. bad input gets our error, before any request', () => {
    const mmdCases: Array<[string, string, (mmd: api.MmdClient) => unknown]> = [
      [
        "paginate('listDevices', null, null)",
        'options|params',
        (mmd) => mmd.paginate('listDevices', null as never, null as never),
      ],
      ["paginate('listDevice')", 'operation', (mmd) => mmd.paginate('listDevice' as never)],
      ['paginate(mmd.listDevices)', 'operation', (mmd) => mmd.paginate(mmd.listDevices as never)],
      [
        "paginate('listDevices').toArray()",
        'toArray options|limit',
        (mmd) => (mmd.paginate('listDevices').toArray as () => unknown)(),
      ],
      ['toArray({ limit: -1 })', 'limit', (mmd) => mmd.paginate('listDevices').toArray({ limit: -1 })],
      [
        'toArray({ limit: NaN })',
        'limit',
        (mmd) => mmd.paginate('listDevices').toArray({ limit: Number.NaN }),
      ],
      [
        "paginate('listDevices', {}, { pageSize: 0 })",
        'pageSize',
        (mmd) => mmd.paginate('listDevices', {}, { pageSize: 0 }),
      ],
      [
        "paginate('listDevices', {}, { timeout: -1 })",
        'options.timeout',
        (mmd) => mmd.paginate('listDevices', {}, { timeout: -1 }).toArray({ limit: 1 }),
      ],
      ['per-call { timeout: -1 }', 'options.timeout', (mmd) => mmd.listDevices({}, { timeout: -1 })],
      [
        'per-call { timeout: 2 ** 31 }',
        'options.timeout',
        (mmd) => mmd.listDevices({}, { timeout: 2 ** 31 }),
      ],
      [
        'per-call { signal: {} }',
        'options.signal',
        (mmd) => mmd.listDevices({}, { signal: {} as AbortSignal }),
      ],
      [
        "per-call headers { 'x-a': 'b\\r\\nc' }",
        'options.headers.x-a',
        (mmd) => mmd.listDevices({}, { headers: { 'x-a': 'b\r\nc' } }),
      ],
      [
        'a lone surrogate in a path value',
        'path.deviceName',
        (mmd) => mmd.getDevice({ path: { deviceName: '\ud800' } }),
      ],
      [
        'a lone surrogate in a query value',
        'params.query.$searchText',
        (mmd) => mmd.listDevices({ query: { $searchText: 'MMD-\udc00' } }),
      ],
    ];

    const base = () => ({
      credential: new ClientSecretCredential({
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }),
      tenantId: TENANT_ID,
      logLevel: 'off' as const,
    });
    const createCases: Array<[string, string, () => unknown]> = [
      ['createMmdClient({ fetch: 42 })', 'fetch', () => createMmdClient({ ...base(), fetch: 42 as never })],
      [
        'createMmdClient({ timeout: 2 ** 31 })',
        'timeout',
        () => createMmdClient({ ...base(), timeout: 2 ** 31 }),
      ],
      [
        "createMmdClient({ userAgent: 'a\\nb' })",
        'userAgent',
        () => createMmdClient({ ...base(), userAgent: 'a\nb' }),
      ],
      ['createMmdClient()', 'options', () => (createMmdClient as () => unknown)()],
      ['createMmdClient(null)', 'options', () => createMmdClient(null as never)],
      [
        "createMmdClient({ baseurl: 'x' })",
        'options.baseurl',
        () => createMmdClient({ ...base(), baseurl: 'x' } as never),
      ],
      [
        'createMmdClient({ maxRetries: 1.5 })',
        'maxRetries',
        () => createMmdClient({ ...base(), maxRetries: 1.5 }),
      ],
      [
        'createMmdClient({ maxResponseBytes: 10 })',
        'maxResponseBytes',
        () => createMmdClient({ ...base(), maxResponseBytes: 10 }),
      ],
    ];

    async function expectConfigurationError(work: () => unknown, option: string) {
      const { tokens, requests } = serveCounting();
      const error = await failureOf(work);
      expect(error).toBeInstanceOf(MmdConfigurationError);
      expect(error).toBeInstanceOf(MmdError);
      const { message, option: named } = error as MmdConfigurationError;
      expect(named).toMatch(new RegExp(`^(?:${option.replaceAll('.', '\\.').replaceAll('$', '\\$')})$`));
      expect(message).toContain(named);
      expect(message).not.toMatch(/[\r\n]/);
      expect((message as string & { isWellFormed(): boolean }).isWellFormed()).toBe(true);
      expect(requests).toHaveLength(0);
      expect(tokens).toHaveLength(0);
    }

    it.each(mmdCases)('%s', async (_, option, work) => {
      await expectConfigurationError(() => work(createTestClient()), option);
    });

    it.each(createCases)('%s', async (_, option, work) => {
      await expectConfigurationError(work, option);
    });
  });

  describe('11. one error tree', () => {
    const classes = Object.entries(api).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
    ) as Array<[string, new (...args: unknown[]) => Error]>;

    it('every exported error class is an MmdError, and no two share a name', () => {
      expect(classes.length).toBeGreaterThanOrEqual(17);
      const names = classes.map(([, errorClass]) => errorClass.name);
      expect(new Set(names).size, names.join(', ')).toBe(names.length);
      for (const [exported, errorClass] of classes) {
        const instance = Reflect.construct(errorClass, [
          'message',
          { operation: 'listDevices', limit: 1_024, retryable: false, attempts: 0 },
        ]) as Error;
        expect(instance instanceof api.MmdError, exported).toBe(true);
        expect(instance.name, exported).toBe(errorClass.name);
        expect(exported).toBe(errorClass.name);
      }
    });

    it('a TokenRequestError from a failed token request is caught as MmdError', async () => {
      const { requests } = serveCounting();
      server.use(
        http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () =>
          HttpResponse.json(
            { error: 'invalid_client', error_codes: [7000215], error_description: 'AADSTS7000215: bad.' },
            { status: 401 },
          ),
        ),
      );
      const error = await failureOf(() => createTestClient().listDevices());
      expect(error).toBeInstanceOf(api.TokenRequestError);
      expect(error instanceof api.MmdError).toBe(true);
      expect(requests).toHaveLength(0);
    });
  });
});

describe('against real servers on 127.0.0.1', () => {
  const serve = useLoopbackServers();
  const DEVICES_PATH = `/tenants/${TENANT_ID}/devices`;

  /** Where items 3 to 9 serve the API, as production does: below a path (item 10 covers a root baseUrl). */
  const API_PATH = '/support/odata/v1';

  function clientAt(baseUrl: string, options: Partial<MmdClientOptions> = {}) {
    return createMmdClient({
      getToken: async () => TOKEN,
      tenantId: TENANT_ID,
      baseUrl,
      maxRetryDelay: 0,
      logLevel: 'off',
      ...options,
    });
  }

  /** A client of the API a loopback server serves below API_PATH. */
  function client(server: { origin: string }, options: Partial<MmdClientOptions> = {}) {
    return clientAt(`${server.origin}${API_PATH}`, options);
  }

  /** Sends the headers of a JSON 200 and the start of a body, then nothing more. */
  const stallAfterHeaders = () =>
    serve((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"value":[');
    });

  describe('3. a redirect to another origin', () => {
    it.each([301, 302, 303, 307, 308])(
      'a %i is never followed, even when kyOptions are smuggled in to follow it',
      async (status) => {
        const elsewhere = await serve((_, response) =>
          sendJson(response, 200, { value: [{ name: 'STOLEN' }] }),
        );
        const origin = await serve((_, response) => {
          response.writeHead(status, { location: `${elsewhere.origin}${API_PATH}${DEVICES_PATH}` });
          response.end();
        });
        const mmd = client(origin, { maxRetries: 0 });
        const attempts = [
          () => mmd.listDevices(),
          () => mmd.listDevices({ kyOptions: { redirect: 'follow' } } as never),
          () => mmd.listDevices({ kyOptions: { redirect: 'follow', hooks: {} } } as never),
          () => mmd.listDevices(undefined, { kyOptions: { redirect: 'follow' } } as never),
        ];
        for (const attempt of attempts) {
          const error = await failureOf(attempt);
          expect(error).toBeInstanceOf(MmdError);
        }
        expect(elsewhere.requests).toHaveLength(0);
      },
    );
  });

  describe('5. unbounded waits', () => {
    // A second long, not milliseconds: each attempt's request must reach the server before its
    // deadline even on a busy machine, or the request counts below would depend on speed.
    it('a body that stalls after the headers is cut by timeout, and retried as asked', async () => {
      const stalled = await stallAfterHeaders();
      const once = await failureOf(() => client(stalled, { timeout: 1_000, maxRetries: 0 }).listDevices());
      expect(once).toBeInstanceOf(TimeoutError);
      expect(once).toBeInstanceOf(MmdApiError);
      expect(stalled.requests).toHaveLength(1);
      const stalledAgain = await stallAfterHeaders();
      const twice = await failureOf(() =>
        client(stalledAgain, { timeout: 1_000, maxRetries: 1 }).listDevices(),
      );
      expect(twice).toBeInstanceOf(TimeoutError);
      await nextTick();
      expect(stalledAgain.requests).toHaveLength(2);
    });

    it('a body trickled a byte every 100 ms is cut by timeout too', async () => {
      const trickle = await serve((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"value":[]');
        everyUntilClosed(response, 100, () => response.write(' '));
      });
      const error = await failureOf(() => client(trickle, { timeout: 1_000, maxRetries: 0 }).listDevices());
      expect(error).toBeInstanceOf(TimeoutError);
      expect(trickle.requests).toHaveLength(1);
    });

    it("a credential whose getToken never settles is cut by the API's timeout", async () => {
      const api = await serve((_, response) => sendJson(response, 200, { value: [] }));
      let asked = 0;
      const credential = {
        getToken: () => {
          asked++;
          return new Promise<never>(() => {});
        },
      };
      const once = await failureOf(() =>
        client(api, { getToken: undefined, credential, timeout: 300, maxRetries: 0 }).listDevices(),
      );
      expect(once).toBeInstanceOf(TimeoutError);
      expect(asked).toBe(1);
      const twice = await failureOf(() =>
        client(api, { getToken: undefined, credential, timeout: 300, maxRetries: 1 }).listDevices(),
      );
      expect(twice).toBeInstanceOf(TimeoutError);
      expect(asked).toBe(3);
      const fromFunction = await failureOf(() =>
        client(api, {
          getToken: () => new Promise<string>(() => {}),
          timeout: 300,
          maxRetries: 0,
        }).listDevices(),
      );
      expect(fromFunction).toBeInstanceOf(TimeoutError);
      expect(api.requests).toHaveLength(0);
    });

    it('a per-call timeout is honoured, shorter or longer than the client one', async () => {
      const stalled = await stallAfterHeaders();
      const shorter = await failureOf(() =>
        client(stalled, { maxRetries: 0 }).listDevices(undefined, { timeout: 300 }),
      );
      expect(shorter).toBeInstanceOf(TimeoutError);
      expect((shorter as Error).message).toContain('300 ms');
      const slow = await serve((_, response) => {
        setTimeout(() => sendJson(response, 200, { value: [{ name: 'LATE' }] }), 500);
      });
      const longer = await settleWithin(
        client(slow, { timeout: 100, maxRetries: 0 }).listDevices(undefined, { timeout: 8_000 }),
      );
      expect(longer.value).toEqual([{ name: 'LATE' }]);
    });
  });

  describe('6. maxResponseBytes', () => {
    const LIMIT = 1_048_576;
    // About 20 MB once inflated, 20 KB on the wire; JSON that would parse if it were read whole.
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('{"value":['), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from(']}')]),
    );
    const zeros = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0));

    function expectTooLarge(error: unknown, status: number) {
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toBeInstanceOf(MmdApiError);
      expect(error).toMatchObject({ limit: LIMIT, status });
    }

    it('a gzip bomb is cut at the limit, counted after decompression', async () => {
      const server = await serve((_, response) => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': bomb.length,
        });
        response.end(bomb);
      });
      const error = await failureOf(() =>
        client(server, { maxResponseBytes: LIMIT, maxRetries: 0 }).listDevices(),
      );
      expectTooLarge(error, 200);
    });

    it('an error answer over the limit is cut too, gzipped or not', async () => {
      const gzipped = await serve((_, response) => {
        response.writeHead(500, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(zeros);
      });
      expectTooLarge(
        await failureOf(() => client(gzipped, { maxResponseBytes: LIMIT, maxRetries: 0 }).listDevices()),
        500,
      );
      const plain = await serve((_, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        for (let sent = 0; sent < 2 * LIMIT; sent += 64 * 1024) response.write('x'.repeat(64 * 1024));
        response.end();
      });
      expectTooLarge(
        await failureOf(() => client(plain, { maxResponseBytes: LIMIT, maxRetries: 0 }).listDevices()),
        500,
      );
    });

    it('a plain body whose content-length is over the limit is refused without being read', async () => {
      const body = `{"value":[${' '.repeat(2 * LIMIT)}]}`;
      const whole = await serve((_, response) => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      });
      expectTooLarge(
        await failureOf(() => client(whole, { maxResponseBytes: LIMIT, maxRetries: 0 }).listDevices()),
        200,
      );
      // Announces 2 MB and stalls: reading it would end in a TimeoutError, refusing it does not.
      const announced = await serve((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 * LIMIT });
        response.write('{"value":[');
      });
      expectTooLarge(
        await failureOf(() =>
          client(announced, { maxResponseBytes: LIMIT, maxRetries: 0, timeout: 5_000 }).listDevices(),
        ),
        200,
      );
    });
  });

  describe('7. a success answer that is not what the operation answers', () => {
    it.each([
      ['text/html', '<html><body>Sign in to the proxy</body></html>'],
      ['text/html; charset=utf-8', '{"value":[]}'],
      ['application/octet-stream', '{"value":[]}'],
      ['text/plain', '{"value":[]}'],
      [undefined, '{"value":[]}'],
    ])('listDevices answered 200 with content type %s is an InvalidResponseError', async (type, text) => {
      const server = await serve((_, response) => {
        response.writeHead(200, type === undefined ? {} : { 'content-type': type });
        response.end(text);
      });
      const error = await failureOf(() => client(server, { maxRetries: 0 }).listDevices());
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toBeInstanceOf(MmdApiError);
      expect(error).toMatchObject({ status: 200 });
    });

    it('JSON that does not parse is an InvalidResponseError, while text operations still answer text', async () => {
      for (const text of ['{"value": [', 'not json', '']) {
        const server = await serve((_, response) => {
          response.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          });
          response.end(text);
        });
        const error = await failureOf(() => client(server, { maxRetries: 0 }).listDevices());
        expect(error, JSON.stringify(text)).toBeInstanceOf(InvalidResponseError);
      }
      const textual = await serve((_, response) => {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Successfully start reassigning devices to profile Kiosk');
      });
      const message = await settleWithin(
        client(textual).reassignDeviceProfile({
          query: { persona: 'Kiosk', wipe: false },
          body: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
        }),
      );
      expect(message).toBe('Successfully start reassigning devices to profile Kiosk');
    });
  });

  describe('8. pagination that never ends', () => {
    /** Pages from `page(index)`; after 20 requests a last page ends any loop the client would not. */
    const pages = (page: (index: number, origin: string) => object) => {
      let origin = '';
      const started = serve((_, response, index) =>
        sendJson(response, 200, index >= 20 ? { value: [] } : page(index, origin)),
      );
      return started.then((server) => {
        origin = server.origin;
        return server;
      });
    };

    it('empty pages that each link to a new next page stop after one request', async () => {
      const server = await pages((index, origin) => ({
        value: [],
        '@odata.nextLink': `${origin}${API_PATH}${DEVICES_PATH}?$skiptoken=${index + 1}`,
      }));
      const mmd = client(server);
      expect(await settleWithin(mmd.paginate('listDevices').toArray({ limit: 10 }))).toEqual([]);
      expect(server.requests).toHaveLength(1);
      const seen: unknown[] = [];
      for await (const page of mmd.paginate('listDevices').byPage()) seen.push(page);
      expect(seen).toEqual([]);
      expect(server.requests).toHaveLength(2);
    });

    it('a repeated nextLink stops the listing, with or without items', async () => {
      const withItems = await pages((index, origin) => ({
        value: [{ name: `MMD-${index}` }],
        '@odata.nextLink': `${origin}${API_PATH}${DEVICES_PATH}?$skiptoken=same`,
      }));
      const items = await settleWithin(client(withItems).paginate('listDevices').toArray({ limit: 1_000 }));
      expect(items).toEqual([{ name: 'MMD-0' }, { name: 'MMD-1' }]);
      expect(withItems.requests).toHaveLength(2);
      const empty = await pages((_, origin) => ({
        value: [],
        '@odata.nextLink': `${origin}${API_PATH}${DEVICES_PATH}?$skiptoken=same`,
      }));
      expect(await settleWithin(client(empty).paginate('listDevices').toArray({ limit: 1_000 }))).toEqual([]);
      expect(empty.requests).toHaveLength(1);
    });

    it('no request is sent after the consumer breaks out of for await', async () => {
      const server = await pages((index, origin) => ({
        value: [{ name: `MMD-${index}-a` }, { name: `MMD-${index}-b` }],
        '@odata.nextLink': `${origin}${API_PATH}${DEVICES_PATH}?$skiptoken=${index + 1}`,
      }));
      const taken: unknown[] = [];
      for await (const device of client(server).paginate('listDevices')) {
        taken.push(device);
        break;
      }
      await nextTick();
      await nextTick();
      expect(taken).toEqual([{ name: 'MMD-0-a' }]);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('9. the clientSecret shortcut with authorityHost', () => {
    it.each(['', '/'])('gets its token from that host (trailing %j)', async (slash) => {
      const authority = await serve((_, response) =>
        sendJson(response, 200, {
          token_type: 'Bearer',
          expires_in: 3599,
          access_token: 'from-loopback-authority',
        }),
      );
      const apiServer = await serve((_, response) => sendJson(response, 200, { value: [] }));
      const mmd = createMmdClient({
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        authorityHost: `${authority.origin}${slash}`,
        baseUrl: `${apiServer.origin}${API_PATH}`,
        logLevel: 'off',
      });
      await settleWithin(mmd.listDevices());
      expect(authority.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        `POST /${TENANT_ID}/oauth2/v2.0/token`,
      ]);
      expect(new URLSearchParams(authority.requests[0]?.body).get('client_id')).toBe(CLIENT_ID);
      expect(apiServer.requests[0]?.headers.authorization).toBe('Bearer from-loopback-authority');
    });
  });

  describe('10. root and nested baseUrl', () => {
    /** The API below `prefix`: two pages linked by an absolute nextLink, 404 anywhere else. */
    async function apiAt(prefix: string, nextLink?: (origin: string) => string) {
      let origin = '';
      const server = await serve((request, response) => {
        const url = new URL(request.url, origin);
        if (url.pathname !== `${prefix}${DEVICES_PATH}`) {
          sendJson(response, 404, { error: { code: '404', message: `no route ${url.pathname}` } });
          return;
        }
        if (url.searchParams.get('$skiptoken') === '2') {
          sendJson(response, 200, { value: [{ name: 'B' }] });
          return;
        }
        sendJson(response, 200, {
          value: [{ name: 'A' }],
          '@odata.nextLink': nextLink?.(origin) ?? `${origin}${prefix}${DEVICES_PATH}?$skiptoken=2`,
        });
      });
      origin = server.origin;
      return server;
    }

    /** baseUrl suffixes after the origin, and the path prefix the API is then served at. */
    const BASES = [
      ['', ''],
      ['/', ''],
      ['/gw/mmd/', '/gw/mmd'],
      ['/gw/mmd', '/gw/mmd'],
    ] as const;

    it('the API works at a root baseUrl (with or without /) and below a nested one, pages included', async () => {
      for (const [suffix, prefix] of BASES) {
        const server = await apiAt(prefix);
        const mmd = clientAt(`${server.origin}${suffix}`);
        const label = `baseUrl origin + ${JSON.stringify(suffix)}`;
        expect(mmd.baseUrl, label).toBe(`${server.origin}${prefix}`);
        expect((await settleWithin(mmd.listDevices())).value, label).toEqual([{ name: 'A' }]);
        expect(await settleWithin(mmd.paginate('listDevices').toArray({ limit: 10 })), label).toEqual([
          { name: 'A' },
          { name: 'B' },
        ]);
        expect(
          server.requests.map((request) => request.url.split('?')[0]),
          label,
        ).toEqual([`${prefix}${DEVICES_PATH}`, `${prefix}${DEVICES_PATH}`, `${prefix}${DEVICES_PATH}`]);
        expect(new Set(server.requests.map((request) => request.headers.authorization)), label).toEqual(
          new Set([`Bearer ${TOKEN}`]),
        );
      }
    });

    it('whatever the baseUrl, the token never goes to another origin, nor outside a nested base path', async () => {
      const elsewhere = await serve((_, response) =>
        sendJson(response, 200, { value: [{ name: 'STOLEN' }] }),
      );
      for (const [suffix, prefix] of BASES) {
        const label = `baseUrl origin + ${JSON.stringify(suffix)}`;
        const linking = await apiAt(prefix, () => `${elsewhere.origin}${prefix}${DEVICES_PATH}?$skiptoken=2`);
        const paged = await failureOf(() =>
          clientAt(`${linking.origin}${suffix}`).paginate('listDevices').toArray({ limit: 10 }),
        );
        expect(paged, label).toBeInstanceOf(UnsafeRequestError);
        expect(linking.requests, label).toHaveLength(1);
        const redirecting = await serve((_, response) => {
          response.writeHead(302, { location: `${elsewhere.origin}${prefix}${DEVICES_PATH}` });
          response.end();
        });
        const redirected = await failureOf(() =>
          clientAt(`${redirecting.origin}${suffix}`, { maxRetries: 0 }).listDevices(),
        );
        expect(redirected, label).toBeInstanceOf(MmdApiError);
        expect(redirected, label).toMatchObject({ status: 302 });
        if (prefix === '') continue;
        // Same origin, outside the base path: a sibling, a prefix look-alike, a dot segment, the root.
        for (const path of [
          '/gw/other/tenants/x/devices',
          '/gw/mmdx/tenants/x/devices',
          '/gw/mmd/../other/devices',
          '/',
        ]) {
          const outside = await apiAt(prefix, (origin) => `${origin}${path}`);
          const error = await failureOf(() =>
            clientAt(`${outside.origin}${suffix}`).paginate('listDevices').toArray({ limit: 10 }),
          );
          expect(error, `${label}, nextLink ${path}`).toBeInstanceOf(UnsafeRequestError);
          expect(outside.requests, `${label}, nextLink ${path}`).toHaveLength(1);
        }
      }
      expect(elsewhere.requests).toHaveLength(0);
    });
  });
});

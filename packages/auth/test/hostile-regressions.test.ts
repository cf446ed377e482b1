/**
 * Regressions found by driving the credentials with hostile token endpoints and hostile input. Each
 * test failed on the credentials as they were before the rebuild on the private core.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  EnvironmentCredential,
  getBearerTokenProvider,
  type LogLevel,
  MmdConfigurationError,
  MmdError,
  TokenRequestError,
} from '../src/index';
import { entraError, inTurn, tokenResponse, unavailable } from './support/answers';
import { countdown } from './support/countdown';
import { configurationError, rejection } from './support/expected-errors';
import { useFakeDate, useFakeTimeouts } from './support/fake-timeouts';
import { settlesWithin, useLoopbackTokenServers } from './support/loopback-token-server';
import { observe } from './support/observed';
import { createRecordingLogger } from './support/recording-logger';
import {
  CLIENT_ID,
  IDENTITY,
  SECRET_OPTIONS,
  TENANT_ID,
  TOKEN_URL,
  useTokenEndpoints,
} from './support/token-endpoint';
import { createVerboseCredential } from './support/verbose-credential';

const { server, serve } = useTokenEndpoints();
const startLoopback = useLoopbackTokenServers(server);
const secretOptions = SECRET_OPTIONS;

/** Counts every request msw sees, handled or not, during the current test. */
function countRequests(): () => number {
  let count = 0;
  const listener = () => {
    count++;
  };
  server.events.on('request:start', listener);
  onTestFinished(() => {
    server.events.removeListener('request:start', listener);
  });
  return () => count;
}

/** Every way an error can be shown: message, stack, JSON, inspect (hidden fields too), and likewise each cause. */
function renderings(value: unknown): string[] {
  const texts = [String(value), JSON.stringify(value) ?? '', inspect(value, { showHidden: true, depth: 10 })];
  let current: unknown = value;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    texts.push(
      current.message,
      current.stack ?? '',
      JSON.stringify(current) ?? '',
      inspect(current, { showHidden: true, depth: 10 }),
    );
    current = current.cause;
  }
  return texts;
}

function expectNoneContains(texts: readonly string[], needles: readonly string[]): void {
  for (const needle of needles) {
    const leaks = texts.filter((text) => text.includes(needle));
    expect(
      leaks.map((text) => text.slice(0, 300)),
      `leaked ${JSON.stringify(needle)}`,
    ).toEqual([]);
  }
}

describe('1. a client secret never leaks in its form-encoded (or any other) spelling', () => {
  const SECRET = 'abc8Q~x y+z/"0123456789abcdefghij';
  const FORM_ENCODED = 'abc8Q%7Ex+y%2Bz%2F%220123456789abcdefghij';
  const spellings = [
    SECRET,
    'abc8Q~x%20y%2Bz%2F%220123456789abcdefghij', // encodeURIComponent
    FORM_ENCODED, // URLSearchParams, as the request body carries it (+ for space)
    'abc8Q%7Ex%20y%2Bz%2F%220123456789abcdefghij', // the form with %20 for space
    'abc8Q~x%20y%2bz%2f%220123456789abcdefghij', // lower-case hex
    'abc8Q%7ex+y%2bz%2f%220123456789abcdefghij',
    'abc8Q%7ex%20y%2bz%2f%220123456789abcdefghij',
    'abc8Q~x y+z/\\"0123456789abcdefghij', // JSON.stringify-escaped
    // The tail every spelling shares: no part of any spelling survives either.
    '0123456789abcdefghij',
  ];

  it.each([
    {
      name: 'scrubs it from a 400 that echoes the raw request body',
      attempts: 1,
      answer: (body: string) =>
        HttpResponse.json(
          {
            error: 'invalid_client',
            error_description: `AADSTS7000215: Invalid client secret provided. Request was: ${body}`,
            error_codes: [7000215],
            trace_id: body,
            correlation_id: body,
          },
          { status: 400 },
        ),
    },
    {
      name: 'scrubs it from a retried 503 (retry-after: 0) that echoes the raw request body',
      attempts: 3,
      answer: (body: string) =>
        HttpResponse.json(
          { error: 'temporarily_unavailable', error_description: body },
          { status: 503, headers: { 'retry-after': '0' } },
        ),
    },
  ])('$name', async ({ answer, attempts }) => {
    const bodies: string[] = [];
    server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        const body = await request.text();
        bodies.push(body);
        return answer(body);
      }),
    );
    const { credential, logger } = createVerboseCredential({ clientSecret: SECRET, maxRetries: 2 });
    const error = await rejection(credential.getToken());

    // The endpoint really echoed the form-encoded secret back.
    expect(bodies).toHaveLength(attempts);
    expect(bodies[0]).toContain(`client_secret=${FORM_ENCODED}`);
    expectNoneContains([...renderings(error), ...logger.lines], spellings);
    expect((error as TokenRequestError).errorDescription).toContain('[REDACTED]');
    if (attempts > 1) expect(logger.lines.some((line) => /retrying in 0 ms/.test(line))).toBe(true);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toBeInstanceOf(MmdError);
    expect((error as TokenRequestError).attempts).toBe(attempts);
  });

  it('scrubs it from a network failure whose cause chain echoes the request body', async () => {
    const { credential, logger } = createVerboseCredential({
      clientSecret: SECRET,
      maxRetries: 1,
      fetch: async (_url, init) => {
        const body = String(init?.body);
        throw new TypeError(`fetch failed while sending ${body}`, {
          cause: Object.assign(new Error(`socket hang up after ${body}`), {
            code: `client_secret=${FORM_ENCODED}`,
            request: { body },
          }),
        });
      },
    });
    const error = await rejection(credential.getToken());
    expectNoneContains([...renderings(error), ...logger.lines], spellings);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(((error as Error).cause as Error).cause).toBeInstanceOf(Error);
  });
});

describe('2. a token that cannot go into an Authorization header is refused, unquoted', () => {
  it.each([
    ['a line feed', 'lf', '\n'],
    ['a carriage return', 'cr', '\r'],
    ['a NUL', 'nul', '\u0000'],
    ['a space', 'sp', ' '],
  ])('refuses an access_token with %s without quoting it', async (_, tag, separator) => {
    // Two halves that are each unmistakable, so that a token cut at the bad character is caught too.
    const halves = [`eyJ0eXAiOiJKV1QiLCJh.${tag}-first-half`, `${tag}-second-half-0123456789`];
    const token = halves.join(separator);
    const endpoint = serve(() => tokenResponse(token, 3599));
    const { credential, logger } = createVerboseCredential();
    const error = await rejection(credential.getToken());
    expect((error as Error).message).toMatch(/not a valid bearer token/);
    expectNoneContains(
      [...renderings(error), ...logger.lines],
      [token, JSON.stringify(token).slice(1, -1), ...halves],
    );
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toBeInstanceOf(MmdError);
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('3. no wait is unbounded', () => {
  it('abandons a body that never comes after the headers once the timeout has passed, on every attempt', async () => {
    useFakeTimeouts();
    const loopback = await startLoopback((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      // …and never a byte of the body.
    });
    const credential = new ClientSecretCredential({
      ...secretOptions,
      authorityHost: loopback.authorityHost,
      timeout: 1_000,
      maxRetries: 1,
      maxRetryDelay: 0,
      logger: {},
    });
    const failure = rejection(credential.getToken());
    for (const attempt of [1, 2]) {
      await loopback.received(attempt);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    const error = await failure;
    expect((error as TokenRequestError).message).toMatch(/no answer within 1000 ms \(after 2 attempts\)/);
    expect(loopback.requests()).toBe(2);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toBeInstanceOf(MmdError);
    expect((error as TokenRequestError).retryable).toBe(true);
  });

  it('cuts a getAssertion that never settles, for the caller and for callers that join it', async () => {
    useFakeTimeouts();
    const endpoint = serve();
    const signals: AbortSignal[] = [];
    const calls = countdown();
    const credential = new ClientAssertionCredential({
      ...IDENTITY,
      timeout: 200,
      maxRetries: 0,
      logger: {},
      getAssertion: (signal) => {
        signals.push(signal);
        calls.tick();
        return new Promise<string>(() => {});
      },
    });
    const first = credential.getToken();
    await calls.reached(1);
    // Started while the first hangs: one joins its request, one (another scope) makes its own.
    const joined = credential.getToken();
    const other = credential.getToken('https://other.example/.default');
    await calls.reached(2);
    await vi.advanceTimersByTimeAsync(200);
    const results = await Promise.allSettled([first, joined, other]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = observe((result as PromiseRejectedResult).reason);
      expect(reason).toBeInstanceOf(TokenRequestError);
      expect(reason).toBeInstanceOf(MmdError);
      expect((reason as Error).message).toMatch(/no answer within 200 ms/);
    }
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(endpoint.requests).toHaveLength(0);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO as AZURE_FEDERATED_TOKEN_FILE without hanging, and reads a regular file there anew for every attempt',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'mmd-auth-fifo-'));
      onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
      const path = join(directory, 'federated-token');
      execFileSync('mkfifo', [path]);
      const endpoint = serve(
        inTurn(
          () => {
            // The kubelet rotates the file between two attempts.
            writeFileSync(path, 'federated-token-2');
            return unavailable();
          },
          () => tokenResponse('token-after-rotation'),
        ),
      );
      const credential = new EnvironmentCredential(
        { maxRetries: 1, maxRetryDelay: 0, logger: {} },
        { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: path },
      );
      let error: unknown;
      try {
        error = await settlesWithin(rejection(credential.getToken()));
      } finally {
        // Ends any open() still blocked on the FIFO (a writer appears, then leaves), so nothing hangs on.
        try {
          closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // ENXIO: nobody is waiting to read it, as it should be.
        }
      }
      expect(error).toBeInstanceOf(MmdConfigurationError);
      expect((error as MmdConfigurationError).option).toBe('AZURE_FEDERATED_TOKEN_FILE');
      expect((error as Error).message).toMatch(/AZURE_FEDERATED_TOKEN_FILE must be a regular file/);
      expect(endpoint.requests).toHaveLength(0);

      unlinkSync(path);
      writeFileSync(path, 'federated-token-1\n');
      await expect(settlesWithin(credential.getToken())).resolves.toMatchObject({
        token: 'token-after-rotation',
      });
      expect(endpoint.requests.map((request) => request.form.get('client_assertion'))).toEqual([
        'federated-token-1',
        'federated-token-2',
      ]);
    },
  );
});

describe('4. answers are read up to maxResponseBytes', () => {
  const MB = 1024 * 1024;
  const paddedToken = (token: string, padding: number) =>
    JSON.stringify({
      token_type: 'Bearer',
      expires_in: 3599,
      access_token: token,
      padding: '0'.repeat(padding),
    });

  it.each([
    ['5 MB of zero bytes', gzipSync(Buffer.alloc(5 * MB))],
    ['a token answer padded to 5 MB', gzipSync(paddedToken('inflated-token', 5 * MB))],
  ])('refuses a gzip bomb (%s) by its inflated size', async (_, compressed) => {
    expect(compressed.length).toBeLessThan(64 * 1024);
    const loopback = await startLoopback((response) => {
      response
        .writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(compressed.length),
        })
        .end(compressed);
    });
    const credential = new ClientSecretCredential({
      ...secretOptions,
      authorityHost: loopback.authorityHost,
      maxRetryDelay: 0,
      logger: {},
    });
    const error = await settlesWithin(rejection(credential.getToken()));
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(65536 bytes\)/);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toBeInstanceOf(MmdError);
    expect((error as TokenRequestError).retryable).toBe(false);
    expect(loopback.requests()).toBe(1);
  });

  it.each([
    ['with a Content-Length', true],
    ['chunked, without a Content-Length', false],
  ])('refuses a plain 200 KB answer (%s)', async (_, declared) => {
    const body = Buffer.from(paddedToken('oversized-token', 200 * 1024));
    const loopback = await startLoopback((response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(declared ? { 'content-length': String(body.length) } : {}),
      });
      if (declared) {
        response.end(body);
        return;
      }
      for (let offset = 0; offset < body.length; offset += 16 * 1024) {
        response.write(body.subarray(offset, offset + 16 * 1024));
      }
      response.end();
    });
    const options = {
      ...secretOptions,
      authorityHost: loopback.authorityHost,
      maxRetryDelay: 0,
      logger: {},
    };
    const error = await settlesWithin(rejection(new ClientSecretCredential(options).getToken()));
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(65536 bytes\)/);
    expect(loopback.requests()).toBe(1);
    // A raised limit lets the same answer through.
    const roomy = new ClientSecretCredential({ ...options, maxResponseBytes: 512 * 1024 });
    await expect(settlesWithin(roomy.getToken())).resolves.toMatchObject({ token: 'oversized-token' });
  });

  it.each([
    [
      'an oversized answer',
      () =>
        new HttpResponse(paddedToken('cloned-token', 200 * 1024), {
          headers: { 'content-type': 'application/json' },
        }),
      /larger than maxResponseBytes \(65536 bytes\)/,
    ],
    [
      'a redirect with a body',
      () =>
        new HttpResponse('<html>moved</html>', {
          status: 302,
          headers: { location: 'https://elsewhere.example/', 'content-type': 'text/html' },
        }),
      /redirect, which is never followed/,
    ],
  ])('gives up on %s at once behind a fetch that clones every response', async (_, answer, message) => {
    // Instrumentation often keeps a clone: cancelling one branch of a tee then settles only when the
    // other branch is cancelled too, so awaiting the cancel would hang the attempt until its timeout.
    const clones: Response[] = [];
    const endpoint = serve(answer);
    const credential = new ClientSecretCredential({
      ...secretOptions,
      timeout: 5_000,
      maxRetries: 0,
      logger: {},
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        clones.push(response.clone());
        return response;
      },
    });
    const error = await settlesWithin(rejection(credential.getToken()));
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/no answer within/);
    expect(clones).toHaveLength(1);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('accepts only whole maxResponseBytes from 1024 to 16 MB, checked before any request', () => {
    const requests = countRequests();
    for (const maxResponseBytes of [1023, 0, 1024.5, -1, 16 * MB + 1, Number.POSITIVE_INFINITY, '65536']) {
      const error = configurationError(
        () => new ClientSecretCredential({ ...secretOptions, maxResponseBytes: maxResponseBytes as number }),
      );
      expect(error.option).toBe('maxResponseBytes');
      expect(error.message).toMatch(/maxResponseBytes must be a whole number of bytes from 1024/);
    }
    for (const maxResponseBytes of [1024, 16 * MB]) {
      expect(() => new ClientSecretCredential({ ...secretOptions, maxResponseBytes })).not.toThrow();
    }
    expect(requests()).toBe(0);
  });
});

describe('5. bad input is refused before any request', () => {
  const badCalls: ReadonlyArray<
    readonly [string, (credential: ClientSecretCredential) => Promise<unknown>, string | undefined]
  > = [
    ['getToken(null)', (credential) => credential.getToken(null as never), 'scopes'],
    ['getToken(5)', (credential) => credential.getToken(5 as never), 'scopes'],
    ['getToken(undefined, null)', (credential) => credential.getToken(undefined, null as never), undefined],
    [
      'getToken(undefined, { abortSignal: {} })',
      (credential) => credential.getToken(undefined, { abortSignal: {} as never }),
      'abortSignal',
    ],
    ["getToken('')", (credential) => credential.getToken(''), 'scopes'],
  ];

  it.each(badCalls)(
    'returns a rejected promise for %s, never a synchronous throw',
    async (_, call, option) => {
      const requests = countRequests();
      const endpoint = serve();
      const credential = new ClientSecretCredential({ ...secretOptions, logger: {} });
      let returned: unknown;
      expect(() => {
        returned = call(credential);
      }).not.toThrow();
      expect(returned).toBeInstanceOf(Promise);
      const error = await rejection(returned as Promise<unknown>);
      expect(error).toBeInstanceOf(MmdConfigurationError);
      expect(error).toBeInstanceOf(MmdError);
      if (option !== undefined) expect((error as MmdConfigurationError).option).toBe(option);
      expect(endpoint.requests).toHaveLength(0);
      expect(requests()).toBe(0);
    },
  );

  it("refuses getToken('') even with a token for the default scope cached", async () => {
    const requests = countRequests();
    const endpoint = serve();
    const credential = new ClientSecretCredential({ ...secretOptions, logger: {} });
    await credential.getToken();
    expect(endpoint.requests).toHaveLength(1);
    for (const scopes of ['', [''], ' '] as const) {
      const error = await rejection(credential.getToken(scopes as string | string[]));
      expect(error).toBeInstanceOf(MmdConfigurationError);
      expect((error as MmdConfigurationError).option).toBe('scopes');
    }
    // The default scope is still served from the cache.
    await expect(credential.getToken()).resolves.toMatchObject({ token: 'access-token-1' });
    expect(endpoint.requests).toHaveLength(1);
    expect(requests()).toBe(1);
  });

  it.each([
    ['getBearerTokenProvider({})', () => getBearerTokenProvider({} as never), 'credential'],
    [
      'new EnvironmentCredential({}, null)',
      () => new EnvironmentCredential({}, null as never),
      'environment',
    ],
    [
      'a misspelt option (clientSecert)',
      () => new ClientSecretCredential({ ...secretOptions, clientSecert: 'x' } as never),
      'options.clientSecert',
    ],
    ['timeout: 2 ** 31', () => new ClientSecretCredential({ ...secretOptions, timeout: 2 ** 31 }), 'timeout'],
    ['timeout: -1', () => new ClientSecretCredential({ ...secretOptions, timeout: -1 }), 'timeout'],
    ['maxRetries: 11', () => new ClientSecretCredential({ ...secretOptions, maxRetries: 11 }), 'maxRetries'],
    [
      "logLevel: 'verbose'",
      () => new ClientSecretCredential({ ...secretOptions, logLevel: 'verbose' as never }),
      'logLevel',
    ],
    ['logger: 5', () => new ClientSecretCredential({ ...secretOptions, logger: 5 as never }), 'logger'],
  ])('throws an MmdConfigurationError naming the option for %s', (_, build, option) => {
    const requests = countRequests();
    const error = configurationError(build);
    expect(error.option).toBe(option);
    expect(error.message).toContain(option);
    expect(error.message).not.toContain('\n');
    expect(requests()).toBe(0);
  });
});

describe('6. one error tree', () => {
  it('roots TokenRequestError and MmdConfigurationError at MmdError, and exports no older error class', async () => {
    const exported: Record<string, unknown> = await import('../src/index');
    expect('AuthenticationError' in exported).toBe(false);
    expect('CredentialConfigurationError' in exported).toBe(false);
    expect(exported.MmdError).toBe(MmdError);

    const configuration = configurationError(
      () => new ClientSecretCredential({ ...secretOptions, timeout: -1 }),
    );
    expect(configuration).toBeInstanceOf(MmdError);

    serve(() => entraError(400, 'invalid_client', 7000215, 'Invalid client secret provided.'));
    const refused = await rejection(new ClientSecretCredential({ ...secretOptions, logger: {} }).getToken());
    expect(refused).toBeInstanceOf(TokenRequestError);
    expect(refused).toBeInstanceOf(MmdError);
    expect(refused).not.toBeInstanceOf(MmdConfigurationError);
    expect(configuration).not.toBeInstanceOf(TokenRequestError);
  });
});

describe('7. logLevel applies to every line', () => {
  /** Gets a token, lets its refresh time pass, and lets the background refresh fail (after a retry). */
  async function linesOfAFailedBackgroundRefresh(logLevel: LogLevel): Promise<string[]> {
    const logger = createRecordingLogger();
    const endpoint = serve((_, index) => (index === 0 ? tokenResponse('first-token') : unavailable()));
    const credential = new ClientSecretCredential({
      ...secretOptions,
      logger,
      logLevel,
      maxRetries: 1,
      maxRetryDelay: 0,
    });
    const first = await credential.getToken();
    vi.setSystemTime(first.refreshAfterTimestamp + 1);
    // Served from the cache at once, starting the background refresh.
    expect((await credential.getToken()).token).toBe('first-token');
    // Joins the refresh in flight, and settles only after its failure was handled (and logged).
    const failure = await rejection(credential.getToken(undefined, { forceRefresh: true }));
    expect(failure).toBeInstanceOf(TokenRequestError);
    expect(endpoint.requests).toHaveLength(3);
    return logger.lines;
  }

  it("writes only the lines at or above logLevel, none at 'off', each with the [mmd-auth] prefix", async () => {
    useFakeDate();
    expect(await linesOfAFailedBackgroundRefresh('off')).toEqual([]);

    const warn = await linesOfAFailedBackgroundRefresh('warn');
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(
      /^warn: \[mmd-auth\] background token refresh failed; still serving the cached token/,
    );

    const debug = await linesOfAFailedBackgroundRefresh('debug');
    expect(debug).toContainEqual(
      expect.stringMatching(
        /^debug: \[mmd-auth\] token acquired on attempt 1 \(client-request-id [0-9a-f-]{36}\)$/,
      ),
    );
    expect(debug.some((line) => line.startsWith('warn: [mmd-auth] background token refresh failed'))).toBe(
      true,
    );
    expect(debug.every((line) => /^(?:debug|info|warn|error): \[mmd-auth\] /.test(line))).toBe(true);
  });
});

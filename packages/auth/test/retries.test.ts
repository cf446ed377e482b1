import { delay, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientSecretCredential, type ClientSecretCredentialOptions, TokenRequestError } from '../src/index';
import { useMswServer } from './support/msw-server';
import { observe } from './support/observed';
import { createRecordingLogger } from './support/recording-logger';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createTokenEndpoint,
  entraError,
  TENANT_ID,
  tokenResponse,
} from './support/token-endpoint';

const server = useMswServer();

afterEach(() => {
  vi.useRealTimers();
});

function createCredential(options: Partial<ClientSecretCredentialOptions> = {}) {
  return new ClientSecretCredential({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  });
}

function failingThen(failure: () => Response, failures = 1) {
  return createTokenEndpoint((_, index) => (index < failures ? failure() : tokenResponse('after-retry')));
}

/**
 * A fake clock for `setTimeout` and `Date` only (msw and promises stay real), so that a retry's wait
 * costs no real time: the test moves the clock itself, by exactly the wait, and `Date.now()` moves
 * with it.
 */
function useFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const logger = createRecordingLogger();
  return {
    logger,
    /** The wait the credential announced (debug line) and started, once the first attempt failed. */
    async announcedWait(): Promise<number> {
      for (let turn = 0; turn < 100_000; turn++) {
        const line = logger.lines.find((entry) => /retrying in \d+ ms/.test(entry));
        if (line) return Number(/retrying in (\d+) ms/.exec(line)?.[1]);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return expect.fail('the credential never announced a retry');
    },
  };
}

describe('retries at the token endpoint', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i and then succeeds', async (status) => {
    const endpoint = failingThen(() =>
      HttpResponse.json({ error: 'x' }, { status, headers: { 'retry-after': '0' } }),
    );
    server.use(endpoint.handler);
    await expect(createCredential().getToken()).resolves.toMatchObject({ token: 'after-retry' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it.each([400, 401, 403])('never retries %i', async (status) => {
    const endpoint = failingThen(() =>
      entraError(status, 'invalid_client', 7000215, 'Invalid client secret provided.'),
    );
    server.use(endpoint.handler);
    const error = await createCredential().getToken().catch(observe);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).retryable).toBe(false);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('stops after maxRetries and reports every attempt', async () => {
    const endpoint = createTokenEndpoint(() =>
      HttpResponse.json(
        { error: 'temporarily_unavailable' },
        { status: 503, headers: { 'retry-after': '0' } },
      ),
    );
    server.use(endpoint.handler);
    const error = (await createCredential({ maxRetries: 3 }).getToken().catch(observe)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.attempts).toBe(4);
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/503 temporarily_unavailable \(after 4 attempts\)/);
    expect(endpoint.requests).toHaveLength(4);
  });

  it('waits as Retry-After says, in seconds', async () => {
    const clock = useFakeClock();
    const endpoint = failingThen(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }),
    );
    server.use(endpoint.handler);
    const pending = createCredential({ logger: clock.logger, logLevel: 'debug' }).getToken();
    expect(await clock.announcedWait()).toBe(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(endpoint.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    const [first, second] = endpoint.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('waits as Retry-After says, as an HTTP date', async () => {
    const clock = useFakeClock();
    const endpoint = failingThen(
      () =>
        new HttpResponse(null, {
          status: 503,
          headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
        }),
    );
    server.use(endpoint.handler);
    const pending = createCredential({ logger: clock.logger, logLevel: 'debug' }).getToken();
    const wait = await clock.announcedWait();
    // HTTP dates have whole-second precision: the date is 1 to 2 seconds ahead.
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(endpoint.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    const [first, second] = endpoint.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(wait);
  });

  it('backs off with jitter when there is no Retry-After', async () => {
    const clock = useFakeClock();
    const endpoint = failingThen(() => new HttpResponse('upstream error', { status: 502 }));
    server.use(endpoint.handler);
    const pending = createCredential({ logger: clock.logger, logLevel: 'debug' }).getToken();
    const wait = await clock.announcedWait();
    // The first retry waits 250 ms fixed plus up to 250 ms at random.
    expect(wait).toBeGreaterThanOrEqual(250);
    expect(wait).toBeLessThanOrEqual(500);
    await vi.advanceTimersByTimeAsync(wait + 1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    const [first, second] = endpoint.requests;
    const waited = (second?.at ?? 0) - (first?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThanOrEqual(501);
  });

  it('retries network errors', async () => {
    const endpoint = createTokenEndpoint((_, index) =>
      index === 0 ? HttpResponse.error() : tokenResponse('after-reset'),
    );
    server.use(endpoint.handler);
    await expect(createCredential({ maxRetryDelay: 0 }).getToken()).resolves.toMatchObject({
      token: 'after-reset',
    });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('gives up on a network error after the retries, saying the host could not be reached', async () => {
    server.use(createTokenEndpoint(() => HttpResponse.error()).handler);
    const error = (await createCredential({ maxRetries: 1, maxRetryDelay: 0 })
      .getToken()
      .catch(observe)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.message).toMatch(/could not reach https:\/\/login\.microsoftonline\.com/);
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(true);
  });

  it('abandons an attempt after the per-attempt timeout and retries', async () => {
    const endpoint = createTokenEndpoint(async (_, index) => {
      if (index === 0) await delay(5_000);
      return tokenResponse('second-attempt');
    });
    server.use(endpoint.handler);
    await expect(createCredential({ timeout: 1_000, maxRetryDelay: 0 }).getToken()).resolves.toMatchObject({
      token: 'second-attempt',
    });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('reports a timeout once the retries are spent', async () => {
    server.use(
      createTokenEndpoint(async () => {
        await delay(5_000);
        return tokenResponse();
      }).handler,
    );
    const error = (await createCredential({ timeout: 100, maxRetries: 1, maxRetryDelay: 0 })
      .getToken()
      .catch(observe)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.message).toMatch(/no answer within 100 ms \(after 2 attempts\)/);
  });

  it('stops waiting for Retry-After as soon as the caller aborts', async () => {
    const endpoint = createTokenEndpoint(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } }),
    );
    server.use(endpoint.handler);
    const started = Date.now();
    const reason = new Error('shutting down');
    const error = await createCredential()
      .getToken(undefined, { abortSignal: AbortSignal.timeout(300) })
      .catch(observe);
    expect((error as Error).name).toBe('TimeoutError');
    // Far below the 30 s Retry-After it would otherwise wait, far above any machine's slowness.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(endpoint.requests).toHaveLength(1);
    const aborted = new AbortController();
    aborted.abort(reason);
    await expect(createCredential().getToken(undefined, { abortSignal: aborted.signal })).rejects.toBe(
      reason,
    );
  });
});

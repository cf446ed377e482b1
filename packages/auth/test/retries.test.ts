import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { ClientSecretCredential, type ClientSecretCredentialOptions } from '../src/index';
import {
  entraError,
  inTurn,
  neverAnswers,
  type Responder,
  tokenResponse,
  unavailable,
} from './support/answers';
import { tokenRequestError } from './support/expected-errors';
import { useFakeTimeouts } from './support/fake-timeouts';
import { createRecordingLogger, type RecordingLogger } from './support/recording-logger';
import { SECRET_OPTIONS, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

function createCredential(options: Partial<ClientSecretCredentialOptions> = {}) {
  return new ClientSecretCredential({ ...SECRET_OPTIONS, ...options });
}

/** An endpoint that answers the first request with `failure` and every later one with a token. */
function failingOnce(failure: Responder) {
  return serve(inTurn(failure, () => tokenResponse('after-retry')));
}

/** The wait the credential announced (its debug line) once an attempt failed, in milliseconds. */
async function announcedWait(logger: RecordingLogger): Promise<number> {
  const line = await logger.waitForLine(/retrying in \d+ ms/);
  return Number(/retrying in (\d+) ms/.exec(line)?.[1]);
}

describe('retries at the token endpoint', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a %i and then succeeds', async (status) => {
    const endpoint = failingOnce(() => unavailable(status));
    await expect(createCredential().getToken()).resolves.toMatchObject({ token: 'after-retry' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it.each([400, 401, 403])('never retries a %i', async (status) => {
    const endpoint = failingOnce(() =>
      entraError(status, 'invalid_client', 7000215, 'Invalid client secret provided.'),
    );
    const error = await tokenRequestError(createCredential().getToken());
    expect(error.retryable).toBe(false);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('stops after maxRetries and reports every attempt', async () => {
    const endpoint = serve(() => unavailable());
    const error = await tokenRequestError(createCredential({ maxRetries: 3 }).getToken());
    expect(error.attempts).toBe(4);
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/503 temporarily_unavailable \(after 4 attempts\)/);
    expect(endpoint.requests).toHaveLength(4);
  });

  it('waits as many seconds as Retry-After says, and not a millisecond less', async () => {
    useFakeTimeouts({ date: true });
    const logger = createRecordingLogger();
    const endpoint = failingOnce(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }),
    );
    const pending = createCredential({ logger, logLevel: 'debug' }).getToken();
    expect(await announcedWait(logger)).toBe(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(endpoint.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    const [first, second] = endpoint.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBe(1000);
  });

  it('waits until the HTTP date that Retry-After gives', async () => {
    useFakeTimeouts({ date: true });
    const logger = createRecordingLogger();
    const endpoint = failingOnce(
      () =>
        new HttpResponse(null, {
          status: 503,
          headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
        }),
    );
    const pending = createCredential({ logger, logLevel: 'debug' }).getToken();
    const wait = await announcedWait(logger);
    // HTTP dates have whole-second precision: the date is 1 to 2 seconds ahead.
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(endpoint.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    const [first, second] = endpoint.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBe(wait);
  });

  it('backs off with jitter when there is no Retry-After', async () => {
    useFakeTimeouts({ date: true });
    const logger = createRecordingLogger();
    const endpoint = failingOnce(() => new HttpResponse('upstream error', { status: 502 }));
    const pending = createCredential({ logger, logLevel: 'debug' }).getToken();
    const wait = await announcedWait(logger);
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

  it('caps a long Retry-After at maxRetryDelay', async () => {
    useFakeTimeouts();
    const logger = createRecordingLogger();
    const endpoint = failingOnce(() => unavailable(429, { 'retry-after': '3600' }));
    const pending = createCredential({ logger, logLevel: 'debug', maxRetryDelay: 2_000 }).getToken();
    expect(await announcedWait(logger)).toBe(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('retries a network error and then succeeds', async () => {
    const endpoint = failingOnce(() => HttpResponse.error());
    await expect(createCredential({ maxRetryDelay: 0 }).getToken()).resolves.toMatchObject({
      token: 'after-retry',
    });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('gives up on a network error after the retries, saying the host could not be reached', async () => {
    serve(() => HttpResponse.error());
    const error = await tokenRequestError(createCredential({ maxRetries: 1, maxRetryDelay: 0 }).getToken());
    expect(error.message).toMatch(/could not reach https:\/\/login\.microsoftonline\.com/);
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(true);
  });

  it('abandons an attempt once its timeout has passed, not before, and retries', async () => {
    useFakeTimeouts();
    const endpoint = failingOnce(neverAnswers);
    const pending = createCredential({ timeout: 1_000, maxRetryDelay: 0 }).getToken();
    await endpoint.received(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(endpoint.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ token: 'after-retry' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('reports a timeout once the retries are spent', async () => {
    useFakeTimeouts();
    const endpoint = serve(neverAnswers);
    const failure = tokenRequestError(
      createCredential({ timeout: 100, maxRetries: 1, maxRetryDelay: 0 }).getToken(),
    );
    await endpoint.received(1);
    await vi.advanceTimersByTimeAsync(100);
    await endpoint.received(2);
    await vi.advanceTimersByTimeAsync(100);
    const error = await failure;
    expect(error.message).toMatch(/no answer within 100 ms \(after 2 attempts\)/);
    expect(error.retryable).toBe(true);
  });

  it('stops waiting for Retry-After as soon as the caller aborts', async () => {
    useFakeTimeouts();
    const logger = createRecordingLogger();
    const endpoint = serve(() => unavailable(429, { 'retry-after': '30' }));
    const controller = new AbortController();
    const pending = createCredential({ logger, logLevel: 'debug' }).getToken(undefined, {
      abortSignal: controller.signal,
    });
    expect(await announcedWait(logger)).toBe(30_000);
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('rejects with the reason of a signal that has already aborted, without a request', async () => {
    const endpoint = serve();
    const reason = new Error('shutting down');
    const aborted = AbortSignal.abort(reason);
    await expect(createCredential().getToken(undefined, { abortSignal: aborted })).rejects.toBe(reason);
    expect(endpoint.requests).toHaveLength(0);
  });
});

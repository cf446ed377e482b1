import { describe, expect, it, vi } from 'vitest';
import { ClientSecretCredential, getBearerTokenProvider, TokenRequestError } from '../src/index';
import { entraError, inTurn, tokenResponse, unavailable } from './support/answers';
import { useFakeDate } from './support/fake-timeouts';
import { createRecordingLogger } from './support/recording-logger';
import { SECRET_OPTIONS, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

function createCredential(logger = createRecordingLogger()) {
  return new ClientSecretCredential({ ...SECRET_OPTIONS, logger, logLevel: 'debug', maxRetries: 0 });
}

/** Lets the promise callbacks already queued run (a token being stored in the cache after its log line). */
function queuedCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('the token cache', () => {
  it('sends one request for 100 concurrent cold calls', async () => {
    const endpoint = serve();
    const credential = createCredential();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => credential.getToken()));
    expect(endpoint.requests).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['access-token-1']));
  });

  it('serves later calls from the cache', async () => {
    const endpoint = serve();
    const credential = createCredential();
    await credential.getToken();
    for (let i = 0; i < 50; i++) await credential.getToken();
    expect(endpoint.requests).toHaveLength(1);
  });

  it('keys tokens by scopes, whatever their order', async () => {
    const endpoint = serve();
    const credential = createCredential();
    const a = await credential.getToken(['https://a.example/.default', 'https://b.example/.default']);
    const b = await credential.getToken(['https://b.example/.default', 'https://a.example/.default']);
    const other = await credential.getToken('https://c.example/.default');
    expect(a.token).toBe(b.token);
    expect(other.token).not.toBe(a.token);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('fetches a new token on forceRefresh, once for concurrent callers', async () => {
    const endpoint = serve();
    const credential = createCredential();
    await credential.getToken();
    const refreshed = await Promise.all([
      credential.getToken(undefined, { forceRefresh: true }),
      credential.getToken(undefined, { forceRefresh: true }),
      credential.getToken(),
    ]);
    expect(refreshed.map((token) => token.token)).toEqual([
      'access-token-2',
      'access-token-2',
      'access-token-2',
    ]);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('refreshes in the background once the refresh time passes, serving the valid token meanwhile', async () => {
    useFakeDate();
    const endpoint = serve();
    const logger = createRecordingLogger();
    const credential = createCredential(logger);
    const first = await credential.getToken();
    vi.setSystemTime(first.refreshAfterTimestamp + 1);
    const during = await Promise.all([credential.getToken(), credential.getToken()]);
    expect(during.map((token) => token.token)).toEqual(['access-token-1', 'access-token-1']);
    await logger.waitForLine(/token for .* acquired/, 2);
    await queuedCallbacks();
    expect((await credential.getToken()).token).toBe('access-token-2');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('keeps serving the valid token when the background refresh fails, and logs a warning', async () => {
    useFakeDate();
    const logger = createRecordingLogger();
    const endpoint = serve(
      inTurn(
        () => tokenResponse('good-token'),
        () => unavailable(503, {}),
      ),
    );
    const credential = createCredential(logger);
    const first = await credential.getToken();
    vi.setSystemTime(first.refreshAfterTimestamp + 1);
    expect((await credential.getToken()).token).toBe('good-token');
    expect(await logger.waitForLine(/^warn:/)).toMatch(
      /background token refresh failed; still serving the cached token until it expires at .*503/,
    );
    // The failed refresh is not retried on every call: at most once per 30 seconds.
    for (let i = 0; i < 10; i++) expect((await credential.getToken()).token).toBe('good-token');
    expect(endpoint.requests).toHaveLength(2);
    vi.setSystemTime(Date.now() + 31_000);
    await credential.getToken();
    await endpoint.received(3);
  });

  it('never returns an expired token', async () => {
    useFakeDate();
    const endpoint = serve(
      inTurn(
        () => tokenResponse('old-token'),
        () => entraError(400, 'invalid_client', 7000222, 'The provided client secret keys are expired.'),
      ),
    );
    const credential = createCredential();
    const first = await credential.getToken();
    vi.setSystemTime(first.expiresOnTimestamp + 1);
    await expect(credential.getToken()).rejects.toBeInstanceOf(TokenRequestError);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('refreshes halfway through a lifetime shorter than refreshBeforeExpiry', async () => {
    serve(() => tokenResponse('short', '120'));
    const token = await createCredential().getToken();
    expect(token.expiresOnTimestamp - token.refreshAfterTimestamp).toBe(60_000);
  });

  it('lets one caller give up without failing the others', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const endpoint = serve(async () => {
      await gate;
      return tokenResponse('shared');
    });
    const credential = createCredential();
    const controller = new AbortController();
    const impatient = credential.getToken(undefined, { abortSignal: controller.signal });
    const patient = credential.getToken();
    controller.abort(new Error('caller gave up'));
    await expect(impatient).rejects.toThrow('caller gave up');
    release();
    await expect(patient).resolves.toMatchObject({ token: 'shared' });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('gives clients a () => Promise<string> through getBearerTokenProvider', async () => {
    serve(() => tokenResponse('provided'));
    const provide = getBearerTokenProvider(createCredential());
    await expect(provide()).resolves.toBe('provided');
  });
});

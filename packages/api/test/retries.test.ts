import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AbortError, RateLimitError, ServerError } from '../src/index';
import { collection, createTestClient, createTokenEndpoint, recordRequests } from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();
const ticketBody = {
  title: 'T',
  description: 'D',
  type: 'Incident',
  category: 'Devices',
  subcategory: 'Hardware',
  severity: 4,
  contact: { givenName: 'J', surname: 'D', email: 'j@contoso.com', phoneNumber: '1' },
};

function failFirst(count: number, failure: () => Response, success: () => Response = () => collection([])) {
  const api = recordRequests((_, index) => (index < count ? failure() : success()));
  server.use(createTokenEndpoint().handler, api.handler);
  return api.seen;
}

/**
 * A logger that records the retry line and aborts the call as it is written, so that the test sees
 * the wait the client chose without sitting through it.
 */
function abortOnRetry() {
  const controller = new AbortController();
  const lines: string[] = [];
  const logger = {
    warn: (line: string) => {
      lines.push(line);
      controller.abort();
    },
  };
  return { signal: controller.signal, lines, client: { logLevel: 'warn' as const, logger } };
}

/** The wait a retry line announces, in milliseconds. */
function announcedDelay(line: string | undefined): number {
  const match = /Retrying in (\d+) ms/.exec(line ?? '');
  expect(match, line).not.toBeNull();
  return Number(match?.[1]);
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(
      { error: { code: String(code), message: `status ${code}` } },
      { status: code, headers },
    );

describe('the retry rules', () => {
  it('sends two requests for a 503 then a 200', async () => {
    const seen = failFirst(1, status(503, { 'retry-after': '0' }));
    await expect(createTestClient().listDevices()).resolves.toMatchObject({ value: [] });
    expect(seen).toHaveLength(2);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a GET on %i', async (code) => {
    const seen = failFirst(1, status(code, { 'retry-after': '0' }));
    await createTestClient().listDevices();
    expect(seen).toHaveLength(2);
  });

  it('retries a GET after a connection error', async () => {
    const seen = failFirst(1, () => HttpResponse.error());
    await createTestClient({ maxRetryDelay: 0 }).listDevices();
    expect(seen).toHaveLength(2);
  });

  it('retries a POST on 429, honouring Retry-After', async () => {
    const created = () => HttpResponse.json({ id: 'MMD-1' }, { status: 201 });
    const seen = failFirst(1, status(429, { 'retry-after': '0' }), created);
    await createTestClient().createTicket({ body: ticketBody });
    expect(seen).toHaveLength(2);
    // Retry-After: 1 makes the client wait 1000 ms before the retry; it is still waiting when aborted.
    const waiting = failFirst(1, status(429, { 'retry-after': '1' }), created);
    const retry = abortOnRetry();
    const error = await createTestClient(retry.client)
      .createTicket({ body: ticketBody }, { signal: retry.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(retry.lines).toHaveLength(1);
    expect(announcedDelay(retry.lines[0])).toBe(1_000);
    expect(waiting).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('never retries a POST after %i: the service may have acted', async (code) => {
    const seen = failFirst(1, status(code, { 'retry-after': '0' }));
    await expect(createTestClient().createTicket({ body: ticketBody })).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });

  it('retries a PATCH on 503 only when it carries Retry-After', async () => {
    const close = {
      path: { elevationRequestId: '7d0f2b9e-2b7c-4a55-8f3e-0c9a1d6e4b21' },
      body: { actionsTaken: 'done' },
    };
    const withHeader = failFirst(
      1,
      status(503, { 'retry-after': '0' }),
      () => new HttpResponse(null, { status: 204 }),
    );
    await createTestClient().closeElevationRequest(close);
    expect(withHeader).toHaveLength(2);
    const without = failFirst(1, status(503), () => new HttpResponse(null, { status: 204 }));
    await expect(createTestClient().closeElevationRequest(close)).rejects.toBeInstanceOf(ServerError);
    expect(without).toHaveLength(1);
  });

  it('never retries 400, 403 or 404', async () => {
    for (const code of [400, 403, 404]) {
      const seen = failFirst(1, status(code));
      await expect(createTestClient().listDevices()).rejects.toMatchObject({ status: code });
      expect(seen).toHaveLength(1);
    }
  });

  it('stops after maxRetries and raises the typed error with retryAfter', async () => {
    const seen = failFirst(10, status(429, { 'retry-after': '0' }));
    const error = await createTestClient({ maxRetries: 2 })
      .listDevices()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(0);
    expect(seen).toHaveLength(3);
  });

  it('waits as a Retry-After date says', async () => {
    // An HTTP date has whole seconds: 3 s ahead is 2 to 3 s ahead once truncated.
    const seen = failFirst(1, status(503, { 'retry-after': new Date(Date.now() + 3_000).toUTCString() }));
    const retry = abortOnRetry();
    const error = await createTestClient(retry.client)
      .listDevices({}, { signal: retry.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    const delay = announcedDelay(retry.lines[0]);
    expect(delay).toBeGreaterThanOrEqual(1_500);
    expect(delay).toBeLessThanOrEqual(3_000);
    expect(seen).toHaveLength(1);
  });

  it('backs off with jitter when there is no Retry-After, and logs the retry', async () => {
    // The first backoff is 250 ms plus up to 250 ms of jitter; the call is aborted as it starts.
    const waiting = failFirst(1, status(502));
    const retry = abortOnRetry();
    const aborted = await createTestClient(retry.client)
      .listDevices({}, { signal: retry.signal })
      .catch((caught: unknown) => caught);
    expect(aborted).toBeInstanceOf(AbortError);
    expect(waiting).toHaveLength(1);
    expect(retry.lines).toHaveLength(1);
    expect(retry.lines[0]).toMatch(
      /^\[mmd-api\] listDevices failed: 502 status 502\. Retrying in \d+ ms \(retry 1 of 2; client-request-id [0-9a-f-]{36}\)\.$/,
    );
    const delay = announcedDelay(retry.lines[0]);
    expect(delay).toBeGreaterThanOrEqual(250);
    expect(delay).toBeLessThanOrEqual(500);
    // And the retry happens (maxRetryDelay 0 caps the wait at nothing).
    const lines: string[] = [];
    const seen = failFirst(1, status(502));
    await createTestClient({
      maxRetryDelay: 0,
      logLevel: 'warn',
      logger: { warn: (line) => lines.push(line) },
    }).listDevices();
    expect(seen).toHaveLength(2);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[mmd-api\] listDevices failed: 502 status 502\. Retrying in 0 ms \(retry 1 of 2; client-request-id [0-9a-f-]{36}\)\.$/,
      ),
    ]);
  });

  it('sends one request only with maxRetries 0', async () => {
    const seen = failFirst(1, status(503, { 'retry-after': '0' }));
    await expect(createTestClient({ maxRetries: 0 }).listDevices()).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });
});

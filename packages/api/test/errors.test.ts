import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  MmdApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../src/index';
import { collection, createTestClient, createTokenEndpoint, recordRequests } from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

function answer(response: () => Response) {
  server.use(createTokenEndpoint().handler, recordRequests(response).handler);
}

async function failure(call: Promise<unknown>): Promise<MmdApiError> {
  const error = await call.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MmdApiError);
  return error as MmdApiError;
}

const elevationBody = {
  partnerTicketId: 'INC1',
  deviceName: 'MMD-03690457680',
  title: 't',
  category: 'Office',
  subcategory: 'Excel',
  planOfAction: 'p',
};

describe('typed errors', () => {
  it('reads the OData error shape into a one-line message', async () => {
    answer(() =>
      HttpResponse.json(
        { error: { code: '403', message: 'This device has too many open elevation requests.' } },
        { status: 403, headers: { 'request-id': 'req-123' } },
      ),
    );
    const error = await failure(createTestClient().createElevationRequest({ body: elevationBody }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      status: 403,
      code: '403',
      operation: 'createElevationRequest',
      requestId: 'req-123',
    });
    expect(error.message).toBe(
      'createElevationRequest failed: 403 This device has too many open elevation requests.',
    );
    expect(error.body).toEqual({
      error: { code: '403', message: 'This device has too many open elevation requests.' },
    });
  });

  it('reads the flat error shape', async () => {
    answer(() =>
      HttpResponse.json(
        { errorCode: '400', message: 'This persona is not supported.', instanceAnnotations: [] },
        { status: 400, headers: { 'x-ms-request-id': 'ms-req-9' } },
      ),
    );
    const error = await failure(
      createTestClient().reassignDeviceProfile({
        query: { persona: 'Kiosk', wipe: false },
        body: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
      }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: '400', requestId: 'ms-req-9' });
    expect(error.message).toBe('reassignDeviceProfile failed: 400 This persona is not supported.');
  });

  it('reads a text body, and says an HTML page is one', async () => {
    answer(
      () =>
        new HttpResponse('Service briefly down\nplease retry', {
          status: 500,
          statusText: 'Internal Server Error',
        }),
    );
    const text = await failure(createTestClient({ maxRetries: 0 }).listDevices());
    expect(text).toBeInstanceOf(ServerError);
    expect(text.message).toBe('listDevices failed: 500 Service briefly down please retry.');
    answer(
      () =>
        new HttpResponse('<html><body>Bad gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const html = await failure(createTestClient({ maxRetries: 0 }).listDevices());
    expect(html.message).toBe('listDevices failed: 502 the service answered with an HTML page.');
  });

  it.each([
    [401, AuthenticationError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [503, ServerError],
  ])('map %i to its class', async (status, errorClass) => {
    answer(() => HttpResponse.json({ error: { code: String(status), message: 'Nope.' } }, { status }));
    const error = await failure(
      createTestClient({ maxRetries: 0 }).getDevice({ path: { deviceName: 'MMD-1' } }),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error.name).toBe(errorClass.name);
    expect(error.status).toBe(status);
  });

  it('keeps the Authorization header and cookies out of the error', async () => {
    answer(() =>
      HttpResponse.json(
        { error: { code: '404', message: 'This device does not exist.' } },
        { status: 404, headers: { 'set-cookie': 'session=abc' } },
      ),
    );
    const error = await failure(createTestClient().getDevice({ path: { deviceName: 'MMD-1' } }));
    const rendered = [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), error.message];
    for (const text of rendered) {
      expect(text).not.toContain('token-1');
      expect(text).not.toContain('session=abc');
    }
    expect(error.headers['content-type']).toBe('application/json');
  });

  it('raises ConnectionError when the service cannot be reached', async () => {
    answer(() => HttpResponse.error());
    const error = await failure(createTestClient({ maxRetries: 0 }).listDevices());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^listDevices failed: could not reach https:\/\/mmdls\.microsoft\.com/);
  });

  it('raises TimeoutError when an attempt takes longer than timeout', async () => {
    answer(() => collection([]));
    server.use(
      recordRequests(async () => {
        await delay(2_000);
        return collection([]);
      }).handler,
    );
    const error = await failure(createTestClient({ timeout: 100, maxRetries: 0 }).listDevices());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('listDevices failed: no complete answer within 100 ms.');
  });

  it('raises AbortError when the caller aborts, during the request or while waiting to retry', async () => {
    answer(() => HttpResponse.json({}, { status: 503, headers: { 'retry-after': '30' } }));
    // Aborted as the 30 s wait before the retry starts (when the retry line is written).
    const whileWaiting = new AbortController();
    const logger = { warn: () => whileWaiting.abort() };
    const started = Date.now();
    const waiting = await failure(
      createTestClient({ logLevel: 'warn', logger }).listDevices({}, { signal: whileWaiting.signal }),
    );
    expect(waiting).toBeInstanceOf(AbortError);
    expect(whileWaiting.signal.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    server.use(
      recordRequests(async () => {
        await delay(5_000);
        return collection([]);
      }).handler,
    );
    const controller = new AbortController();
    const call = createTestClient().listDevices({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(call)).toBeInstanceOf(AbortError);
  });
});

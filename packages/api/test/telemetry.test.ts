import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/index';
import {
  BASE_URL,
  CLIENT_SECRET,
  collection,
  createTestClient,
  createTokenEndpoint,
  recordRequests,
} from './support/fixtures';
import { useMswServer } from './support/msw-server';

// Against the real OpenTelemetry SDK: spans to an in-memory exporter, metrics through a reader.
const server = useMswServer();
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({ readers: [reader] });
const USER_UPN = 'adele.vance@contoso.onmicrosoft.com';

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(async () => {
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
  trace.disable();
  metrics.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => spans.reset());

const status = (code: number, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { code: String(code), message: `status ${code}` } }, { status: code, headers });

function byName(name: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((span) => span.name === name);
}

async function collectedMetrics() {
  await reader.forceFlush();
  const points = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const batch of metricExporter.getMetrics()) {
    for (const scope of batch.scopeMetrics) {
      for (const metric of scope.metrics) {
        points.set(
          metric.descriptor.name,
          metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })),
        );
      }
    }
  }
  return points;
}

describe('telemetry', () => {
  it('traces a call retried after a 429 and refreshed after a 401 as one span with a child per attempt and wait', async () => {
    const tokens = createTokenEndpoint();
    const api = recordRequests((_, index) =>
      index === 0 ? status(429, { 'retry-after': '0' }) : index === 1 ? status(401) : collection([]),
    );
    server.use(tokens.handler, api.handler);
    await createTestClient().listDevices({ query: { $searchText: USER_UPN } });

    const [call] = byName('mmd.listDevices');
    expect(call).toBeDefined();
    const attempts = byName('mmd.listDevices attempt');
    const waits = byName('mmd.retry_wait');
    expect(attempts).toHaveLength(3);
    expect(waits).toHaveLength(1);
    for (const child of [...attempts, ...waits]) {
      expect(child.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(call?.spanContext().traceId);
    }
    expect(attempts.map((attempt) => attempt.attributes['error.type'] ?? 'ok')).toEqual([
      'RateLimitError',
      'AuthenticationError',
      'ok',
    ]);
    expect(attempts.map((attempt) => attempt.attributes['http.request.resend_count'])).toEqual([
      undefined,
      1,
      2,
    ]);
    expect(waits[0]?.attributes).toMatchObject({ 'error.type': 'RateLimitError', 'mmd.retry.delay_ms': 0 });
    // Every request of the call carried the call's client-request-id, and the span names it.
    const ids = new Set(api.seen.map((request) => request.headers.get('client-request-id')));
    expect(ids.size).toBe(1);
    expect(call?.attributes['mmd.client_request_id']).toBe([...ids][0]);
  });

  it('sets the HTTP client semantic-convention attributes, with the URL template and no path values', async () => {
    server.use(
      createTokenEndpoint().handler,
      http.get(`${BASE_URL}/tenants/:tenant/users/:upn`, () => HttpResponse.json({ upn: USER_UPN })),
    );
    await createTestClient().getUser({ path: { userUpn: USER_UPN } });
    const [call] = byName('mmd.getUser');
    expect(call?.kind).toBe(2); // SpanKind.CLIENT
    expect(call?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.template': '/support/odata/v1/tenants/{tenantId}/users/{userUpn}',
      'server.address': 'mmdls.microsoft.com',
      'server.port': 443,
      'mmd.operation': 'getUser',
      'mmd.client_request_id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'http.response.status_code': 200,
    });
  });

  it('records the error type and status of a failed call, on the span and in the duration metric', async () => {
    server.use(
      createTokenEndpoint().handler,
      recordRequests(() => status(429, { 'retry-after': '0' })).handler,
    );
    const error = await createTestClient({ maxRetries: 1 })
      .listTickets()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const [call] = byName('mmd.listTickets');
    expect(call?.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(call?.attributes).toMatchObject({
      'error.type': 'RateLimitError',
      'http.response.status_code': 429,
    });
    expect((error as RateLimitError).clientRequestId).toBe(call?.attributes['mmd.client_request_id']);
    const points = await collectedMetrics();
    const failed = points
      .get('mmd.api.call.duration')
      ?.find((point) => point.attributes['mmd.operation'] === 'listTickets');
    expect(failed?.attributes).toEqual({
      'mmd.operation': 'listTickets',
      'http.response.status_code': 429,
      'error.type': 'RateLimitError',
    });
    expect(failed?.value).toMatchObject({ count: 1 });
    const retried = points
      .get('mmd.api.call.retries')
      ?.find((point) => point.attributes['mmd.operation'] === 'listTickets');
    expect(retried?.value).toBe(1);
  });

  it('writes traceparent from the attempt span when no propagator is registered', async () => {
    propagation.disable();
    try {
      const api = recordRequests(() => collection([]));
      server.use(createTokenEndpoint().handler, api.handler);
      await createTestClient({ propagateTraceContext: true }).listProfiles();
      const [attempt] = byName('mmd.listProfiles attempt');
      expect(api.seen[0]?.headers.get('traceparent')).toBe(
        `00-${attempt?.spanContext().traceId}-${attempt?.spanContext().spanId}-01`,
      );
    } finally {
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    }
  });

  it('sends traceparent to the API only when asked, and never to the token endpoint', async () => {
    const tokenHeaders: Headers[] = [];
    const api = recordRequests(() => collection([]));
    server.use(
      http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', ({ request }) => {
        tokenHeaders.push(request.headers);
        return HttpResponse.json({ token_type: 'Bearer', expires_in: '3599', access_token: 'token-1' });
      }),
      api.handler,
    );
    await createTestClient().listProfiles();
    await createTestClient({ propagateTraceContext: true }).listProfiles();
    expect(api.seen[0]?.headers.get('traceparent')).toBeNull();
    const traceparent = api.seen[1]?.headers.get('traceparent');
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const [, second] = byName('mmd.listProfiles');
    expect(traceparent).toContain(second?.spanContext().traceId);
    expect(tokenHeaders.length).toBeGreaterThan(0);
    for (const headers of tokenHeaders) expect(headers.get('traceparent')).toBeNull();
  });

  it('exports no token, secret, query string or user name in any span or metric', async () => {
    const tokens = createTokenEndpoint();
    server.use(
      tokens.handler,
      recordRequests((_, index) => (index === 0 ? status(503, { 'retry-after': '0' }) : collection([])))
        .handler,
      http.get(`${BASE_URL}/tenants/:tenant/users/:upn`, () => status(404)),
    );
    const mmd = createTestClient();
    await mmd.listUsers({ query: { $searchText: USER_UPN } });
    await mmd.getUser({ path: { userUpn: USER_UPN } }).catch(() => undefined);
    const exported = JSON.stringify({
      spans: spans.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
      })),
      metrics: [...(await collectedMetrics()).entries()],
    });
    expect(exported).toContain('mmd.listUsers');
    // The tenant and client ids are there on purpose (the token span names them); the user is not.
    for (const secret of [
      ...tokens.issued,
      CLIENT_SECRET,
      USER_UPN,
      encodeURIComponent(USER_UPN),
      '$searchText',
    ]) {
      expect(exported).not.toContain(secret);
    }
  });
});

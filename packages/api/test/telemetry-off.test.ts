import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, expect, it } from 'vitest';
import { collection, createTestClient, createTokenEndpoint, recordRequests } from './support/fixtures';
import { useMswServer } from './support/msw-server';

// In its own file, so that no other test has registered a provider in this worker.
const server = useMswServer();

afterAll(() => {
  trace.disable();
  metrics.disable();
});

it('exports nothing when no OpenTelemetry provider is registered, and the calls work', async () => {
  server.use(createTokenEndpoint().handler, recordRequests(() => collection([{ name: 'MMD-1' }])).handler);
  const mmd = createTestClient();
  expect((await mmd.listDevices()).value).toHaveLength(1);
  await mmd.listTickets();

  // A provider registered afterwards sees none of those calls.
  const spans = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  await reader.forceFlush();
  expect(spans.getFinishedSpans()).toEqual([]);
  expect(exporter.getMetrics().flatMap((batch) => batch.scopeMetrics)).toEqual([]);

  // Its tracer follows the provider registered since: the same client's next call is traced.
  await mmd.listDevices();
  expect(spans.getFinishedSpans().map((span) => span.name)).toEqual([
    'mmd.listDevices attempt',
    'mmd.listDevices',
  ]);
});

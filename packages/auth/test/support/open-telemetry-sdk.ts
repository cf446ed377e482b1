import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import * as sdkMetrics from '@opentelemetry/sdk-metrics';
import * as sdkTrace from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One data point of a metric, as the reader exported it. */
export interface Point {
  readonly attributes: Record<string, unknown>;
  readonly value: unknown;
}

export interface TelemetrySink {
  /** The spans ended since the test started, by name. */
  spans(name: string): sdkTrace.ReadableSpan[];
  /** Collects the metrics now: each instrument's points. */
  collect(): Promise<Map<string, Point[]>>;
  /** Everything exported so far (spans with their attributes, events and status; metrics), as JSON. */
  exported(): Promise<string>;
}

/**
 * The real OpenTelemetry SDK for the test file, registered globally: spans to an in-memory exporter
 * (emptied before each test), cumulative metrics through a reader the test flushes.
 */
export function useOpenTelemetrySdk(): TelemetrySink {
  const spanExporter = new sdkTrace.InMemorySpanExporter();
  const metricExporter = new sdkMetrics.InMemoryMetricExporter(sdkMetrics.AggregationTemporality.CUMULATIVE);
  const reader = new sdkMetrics.PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const tracing = new sdkTrace.BasicTracerProvider({
    spanProcessors: [new sdkTrace.SimpleSpanProcessor(spanExporter)],
  });
  const metering = new sdkMetrics.MeterProvider({ readers: [reader] });
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(tracing);
    metrics.setGlobalMeterProvider(metering);
  });
  afterAll(async () => {
    await Promise.all([metering.shutdown(), tracing.shutdown()]);
    for (const api of [trace, metrics, context]) api.disable();
  });
  beforeEach(() => spanExporter.reset());

  const collect = async () => {
    await reader.forceFlush();
    const latest = metricExporter.getMetrics().at(-1);
    const instruments = (latest?.scopeMetrics ?? []).flatMap((scope) => scope.metrics);
    return new Map(
      instruments.map((metric): [string, Point[]] => [
        metric.descriptor.name,
        metric.dataPoints.map(({ attributes, value }) => ({ attributes, value })),
      ]),
    );
  };
  return {
    spans: (name) => spanExporter.getFinishedSpans().filter((span) => span.name === name),
    collect,
    async exported() {
      const spans = spanExporter.getFinishedSpans().map(({ name, attributes, events, status }) => ({
        name,
        attributes,
        events,
        status,
      }));
      return JSON.stringify({ spans, metrics: [...(await collect())] });
    },
  };
}

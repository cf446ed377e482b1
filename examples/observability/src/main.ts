import { runExample } from '@mmd-sdk/example-shared';
import { createMmdClient } from '@mmd-sdk/mmd-api';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

// Register the OpenTelemetry SDK before creating the client: its spans and metrics go to the console.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});
trace.setGlobalTracerProvider(tracerProvider);
const reader = new PeriodicExportingMetricReader({
  exporter: new ConsoleMetricExporter(),
  exportIntervalMillis: 60_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
metrics.setGlobalMeterProvider(meterProvider);

await runExample(async ({ credential, tenantId, baseUrl }) => {
  const mmd = createMmdClient({ credential, tenantId, baseUrl });
  const devices = await mmd.listDevices({ query: { $top: 5 } });
  console.log(`\nlistDevices: ${devices.value.length} devices (its span is printed above)`);
  const tickets = await mmd.listTickets({ query: { $top: 3 } });
  console.log(`listTickets: ${tickets.value.length} tickets`);
  const missing = await mmd
    .getDevice({ path: { deviceName: 'MMD-NO-SUCH-DEVICE' } })
    .catch((error: unknown) => error);
  if (missing instanceof Error) {
    const { clientRequestId } = missing as Error & { clientRequestId?: string };
    console.log(`getDevice: ${missing.name}, client-request-id ${clientRequestId} (on its span too)`);
  }
  console.log('\nMetrics:');
  await reader.forceFlush();
});
await meterProvider.shutdown();
await tracerProvider.shutdown();

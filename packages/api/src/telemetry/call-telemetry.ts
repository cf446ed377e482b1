import type { OpenTelemetry } from '@mmd-sdk/core';
import type { Attributes, Context, Counter, Histogram, Span, Tracer } from '@opentelemetry/api';
import type { OperationSpec } from '../operations/operation-spec';
import { VERSION } from '../transport/user-agent';

const SCOPE = '@mmd-sdk/mmd-api';

/** What a call's telemetry needs to know of the service. */
export interface ServiceTarget {
  /** `server.address` and `server.port`. */
  readonly host: string;
  readonly port: number;
  /** The base URL's path, the start of every `url.template`. */
  readonly basePath: string;
}

/** The traces and metrics of one call: a client span, a child per attempt and per retry wait. */
export interface CallTrace {
  /** Runs one attempt inside its span (number `resend`, 0 for the first), with that span active. */
  attempt<T extends { status: number }>(
    resend: number,
    work: (headers: Record<string, string>) => Promise<T>,
  ): Promise<T>;
  /** Runs one retry wait inside its span. */
  wait<T>(delayMs: number, reason: string, work: () => Promise<T>): Promise<T>;
  /** Ends the call: a success with its status, or the error it failed with. */
  end(outcome: { status?: number; error?: unknown }): void;
}

export interface CallTelemetry {
  /** The call's trace, or undefined when it would record nothing (see `recordsNothing`). */
  start(operation: string, spec: OperationSpec, clientRequestId: string): CallTrace | undefined;
}

function errorType(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Telemetry of the calls of one client, through the application's OpenTelemetry API: `undefined` when
 * the API is not installed, so that a call costs nothing more then. Attributes follow the HTTP client
 * semantic conventions; the URL is its template (path values such as a UPN never appear), and no
 * query string, token or header value is recorded.
 */
export function createCallTelemetry(
  otel: OpenTelemetry | undefined,
  target: ServiceTarget,
  options: { propagate: boolean },
): CallTelemetry | undefined {
  if (!otel) return undefined;
  const api = otel;
  const tracer: Tracer = otel.trace.getTracer(SCOPE, VERSION);
  const meter = otel.metrics.getMeter(SCOPE, VERSION);
  const duration: Histogram = meter.createHistogram('mmd.api.call.duration', {
    description: 'Duration of MMD API calls, retries and waits included.',
    unit: 's',
  });
  const retries: Counter = meter.createCounter('mmd.api.call.retries', {
    description: 'Retries of MMD API calls, by operation and reason.',
    unit: '{retry}',
  });
  const { SpanKind, SpanStatusCode } = otel;
  // A meter got while no meter provider is registered stays a no-op (metrics have no proxy); the
  // tracer is a proxy that follows a provider registered later, so tracing is asked per call.
  const meterIsNoop = meter === otel.createNoopMeter();
  const noTracing = new otel.ProxyTracerProvider().getDelegate();

  /** Whether a call would record nothing: no tracer provider, no meter, no span context to pass on. */
  function recordsNothing(): boolean {
    if (!meterIsNoop) return false;
    const provider = api.trace.getTracerProvider();
    if (!(provider instanceof api.ProxyTracerProvider) || provider.getDelegate() !== noTracing) return false;
    return !options.propagate || api.trace.getSpanContext(api.context.active()) === undefined;
  }

  return {
    start(operation, spec, clientRequestId) {
      if (recordsNothing()) return undefined;
      const started = performance.now();
      const base: Attributes = {
        'http.request.method': spec.method,
        'url.template': `${target.basePath}${spec.path}`,
        'server.address': target.host,
        'server.port': target.port,
        'mmd.operation': operation,
      };
      const span: Span = tracer.startSpan(`mmd.${operation}`, {
        kind: SpanKind.CLIENT,
        attributes: { ...base, 'mmd.client_request_id': clientRequestId },
      });
      const callContext: Context = api.trace.setSpan(api.context.active(), span);
      let resends = 0;

      function child<T>(
        name: string,
        attributes: Attributes,
        work: (context: Context) => Promise<T>,
        onSuccess?: (result: T, childSpan: Span) => void,
      ): Promise<T> {
        const childSpan = tracer.startSpan(name, { attributes }, callContext);
        const childContext = api.trace.setSpan(callContext, childSpan);
        return api.context
          .with(childContext, () => work(childContext))
          .then(
            (result) => {
              onSuccess?.(result, childSpan);
              childSpan.end();
              return result;
            },
            (error: unknown) => {
              const status = statusOf(error);
              childSpan.setAttributes({
                'error.type': errorType(error),
                ...(status === undefined ? {} : { 'http.response.status_code': status }),
              });
              childSpan.setStatus({ code: SpanStatusCode.ERROR });
              childSpan.end();
              throw error;
            },
          );
      }

      return {
        attempt(resend, work) {
          resends = resend;
          return child(
            `mmd.${operation} attempt`,
            resend > 0 ? { 'http.request.resend_count': resend } : {},
            (context) => {
              const headers: Record<string, string> = {};
              if (options.propagate) {
                api.propagation.inject(context, headers);
                // With no propagator registered (the bare SDK has none), W3C trace context is still
                // what `propagateTraceContext` promises: written from the attempt's span.
                const spanContext = api.trace.getSpanContext(context);
                if (headers.traceparent === undefined && spanContext && api.isSpanContextValid(spanContext)) {
                  headers.traceparent = `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags & 1}`;
                }
              }
              return work(headers);
            },
            (result, attemptSpan) => attemptSpan.setAttribute('http.response.status_code', result.status),
          );
        },
        wait(delayMs, reason, work) {
          retries.add(1, { 'mmd.operation': operation, 'error.type': reason });
          return child(
            'mmd.retry_wait',
            { 'mmd.retry.delay_ms': Math.round(delayMs), 'error.type': reason },
            () => work(),
          );
        },
        end({ status, error }) {
          const finalStatus = status ?? statusOf(error);
          const outcome: Attributes = {
            ...(finalStatus === undefined ? {} : { 'http.response.status_code': finalStatus }),
            ...(error === undefined ? {} : { 'error.type': errorType(error) }),
          };
          span.setAttributes({
            ...outcome,
            ...(resends > 0 ? { 'http.request.resend_count': resends } : {}),
          });
          if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
          duration.record((performance.now() - started) / 1000, { 'mmd.operation': operation, ...outcome });
        },
      };
    },
  };
}

import type { OpenTelemetry } from '@mmd-sdk/core';
import type { Attributes, ObservableCallback, Tracer } from '@opentelemetry/api';
import type { RequestTrace } from '../token-endpoint/token-request';
import { TokenRequestError } from '../token-endpoint/token-request-error';

const SCOPE = '@mmd-sdk/mmd-auth';

/** Who a credential asks tokens for, as its telemetry names it: identifiers only, never a secret. */
export interface TelemetryIdentity {
  /** The credential's class name: `mmd.auth.credential`. */
  readonly credential: string;
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  /** The token endpoint's host name: `server.address`. */
  readonly serverAddress: string;
}

/** What the metrics read when they are collected, never on a `getToken`. */
export interface CacheFigures {
  /** How many calls the in-memory cache answered so far. */
  readonly hits: number;
  /** When the first of the valid cached tokens expires, in ms since the epoch. */
  soonestExpiry(): number | undefined;
}

/** One acquisition (a memory miss) as its span reports it. */
export interface AcquisitionTrace extends RequestTrace {
  /** Whether the token store had the token (then no request was sent). */
  fromStore: boolean;
}

export interface TokenTelemetry {
  /** Runs one acquisition inside its `mmd.auth.getToken` span, and counts it. */
  acquisition<T>(trace: AcquisitionTrace, work: () => Promise<T>): Promise<T>;
}

/**
 * The telemetry of one credential, through the application's OpenTelemetry API: `undefined` when the
 * API is not installed, so that nothing is measured or loaded then.
 *
 * - A span `mmd.auth.getToken` per acquisition, that is per `getToken` the in-memory cache could
 *   not answer (callers sharing a request share its span): `mmd.auth.cache_hit` says `store` or
 *   `none` (the network). Memory hits make no span, as a span would cost far more than the hit; they
 *   are counted instead.
 * - `mmd.auth.token.requests`: token requests sent (one per acquisition that reached the network,
 *   its retries included), with `error.type` when it failed.
 * - `mmd.auth.token.cache_hits`: hits by layer (`mmd.auth.cache_hit`: `memory` or `store`), read
 *   from plain counts when metrics are collected, so that a warm `getToken` makes no call.
 * - `mmd.auth.token.time_to_expiry`: seconds until the first of the credential's cached tokens expires.
 *
 * No token, secret, assertion or query string is ever recorded: the attributes are identifiers only.
 */
export function createTokenTelemetry(
  otel: OpenTelemetry | undefined,
  identity: TelemetryIdentity,
  figures: CacheFigures,
): TokenTelemetry | undefined {
  if (!otel) return undefined;
  const api = otel;
  const tracer: Tracer = otel.trace.getTracer(SCOPE);
  const meter = otel.metrics.getMeter(SCOPE);
  const base: Attributes = {
    'mmd.auth.credential': identity.credential,
    ...(identity.tenantId === undefined ? {} : { 'mmd.auth.tenant_id': identity.tenantId }),
    ...(identity.clientId === undefined ? {} : { 'mmd.auth.client_id': identity.clientId }),
  };
  const requests = meter.createCounter('mmd.auth.token.requests', {
    description: 'Token requests sent to the token endpoint (retries included in one), by credential.',
    unit: '{request}',
  });
  const cacheHits = meter.createObservableCounter('mmd.auth.token.cache_hits', {
    description: 'getToken calls answered without a token request, by cache layer (memory or store).',
    unit: '{hit}',
  });
  const timeToExpiry = meter.createObservableGauge('mmd.auth.token.time_to_expiry', {
    description: "Seconds until the first of the credential's cached tokens expires.",
    unit: 's',
  });
  let storeHits = 0;
  // The callbacks hold the figures weakly, and go once the credential is collected.
  const source = new WeakRef(figures);
  const observeHits: ObservableCallback = (result) => {
    const current = source.deref();
    if (!current) {
      cacheHits.removeCallback(observeHits);
      return;
    }
    result.observe(current.hits, { ...base, 'mmd.auth.cache_hit': 'memory' });
    result.observe(storeHits, { ...base, 'mmd.auth.cache_hit': 'store' });
  };
  const observeExpiry: ObservableCallback = (result) => {
    const current = source.deref();
    if (!current) {
      timeToExpiry.removeCallback(observeExpiry);
      return;
    }
    const expiresOn = current.soonestExpiry();
    if (expiresOn !== undefined) result.observe((expiresOn - Date.now()) / 1000, base);
  };
  cacheHits.addCallback(observeHits);
  timeToExpiry.addCallback(observeExpiry);
  const { SpanKind, SpanStatusCode } = otel;

  return {
    acquisition(trace, work) {
      const span = tracer.startSpan('mmd.auth.getToken', {
        kind: SpanKind.CLIENT,
        attributes: {
          ...base,
          'server.address': identity.serverAddress,
          'mmd.auth.client_request_id': trace.clientRequestId,
        },
      });
      const outcome = (): Attributes => ({
        'mmd.auth.cache_hit': trace.fromStore ? 'store' : 'none',
        'mmd.auth.retry_count': Math.max(0, trace.attempts - 1),
      });
      return api.context.with(api.trace.setSpan(api.context.active(), span), work).then(
        (result) => {
          span.setAttributes(outcome());
          span.end();
          if (trace.fromStore) storeHits += 1;
          else requests.add(1, base);
          return result;
        },
        (error: unknown) => {
          const type = error instanceof Error ? error.name : 'Error';
          const status = error instanceof TokenRequestError ? error.status : undefined;
          span.setAttributes({
            ...outcome(),
            'error.type': type,
            ...(status === undefined ? {} : { 'http.response.status_code': status }),
          });
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
          if (trace.attempts > 0) requests.add(1, { ...base, 'error.type': type });
          throw error;
        },
      );
    },
  };
}

import type * as OpenTelemetryApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module. */
export type OpenTelemetry = typeof OpenTelemetryApi;

/**
 * The application's `@opentelemetry/api` (an optional peer dependency), or `undefined` when it is not
 * installed: then nothing is loaded, and the SDK measures nothing. With the API installed but no
 * provider registered, its tracers and meters are no-ops.
 */
export function loadOpenTelemetry(): OpenTelemetry | undefined {
  try {
    // `require` here is the bundler's (createRequire in the ESM build): the peer is optional, so it
    // cannot be a static import.
    return require('@opentelemetry/api') as OpenTelemetry;
  } catch {
    return undefined;
  }
}

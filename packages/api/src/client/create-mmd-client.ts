import { loadOpenTelemetry } from '@mmd-sdk/core';
import { createSend, type Send } from '../call/send-operation';
import { createTokenSource } from '../call/token-source';
import { type OperationName, operationNames } from '../operations/operation-table';
import type { MmdOperations } from '../operations/operation-types';
import { createPaginate, type Paginate } from '../operations/paginate';
import { createCallTelemetry } from '../telemetry/call-telemetry';
import { createTransport } from '../transport/create-transport';
import type { MmdClientOptions } from './client-options';
import { type ResolvedClientOptions, resolveClientOptions } from './resolve-client-options';

/** A client of the MMD API: one method per operation, plus `paginate`. */
export type MmdClient = MmdOperations & {
  /** Iterates over every item of a list operation, page by page. */
  readonly paginate: Paginate;
  /** The base URL requests go to (and the only place the bearer token goes). */
  readonly baseUrl: string;
};

function tokenSourceFor(settings: ResolvedClientOptions) {
  const { raw } = settings;
  return createTokenSource({
    credential: raw.credential,
    getToken: raw.getToken,
    tenantId: raw.tenantId,
    clientId: raw.clientId,
    clientSecret: raw.clientSecret,
    authorityHost: raw.authorityHost,
    scopes: settings.scopes,
    fetch: settings.fetch,
    timeout: settings.timeout,
    maxRetries: settings.maxRetries,
    maxRetryDelay: settings.maxRetryDelay,
    logger: settings.logger,
    logLevel: settings.logLevel,
  });
}

function telemetryFor(settings: ResolvedClientOptions) {
  const { url } = settings.baseUrl;
  return createCallTelemetry(
    loadOpenTelemetry(),
    {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      basePath: url.pathname.replace(/\/$/, ''),
    },
    { propagate: settings.propagateTraceContext },
  );
}

function operationMethods(send: Send): MmdOperations {
  const method = (name: OperationName) => (params?: unknown, options?: unknown) =>
    send({ name, params, options });
  return Object.fromEntries(operationNames.map((name) => [name, method(name)])) as unknown as MmdOperations;
}

/**
 * Creates a client of the Microsoft Managed Desktop API. Every option is checked first; every request
 * carries a bearer token from the credential, goes only to `baseUrl`, is bounded by `timeout` and
 * `maxResponseBytes`, is retried as the rules allow, and fails with a typed error.
 */
export function createMmdClient(options: MmdClientOptions): MmdClient {
  const settings = resolveClientOptions(options);
  const send = createSend({
    transport: createTransport(settings),
    settings,
    tokenSource: tokenSourceFor(settings),
    telemetry: telemetryFor(settings),
  });
  return {
    ...operationMethods(send),
    paginate: createPaginate({ send, baseUrl: settings.baseUrl }),
    baseUrl: settings.baseUrl.text,
  };
}

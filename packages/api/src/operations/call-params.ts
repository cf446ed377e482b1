import {
  checkHeaders,
  checkKnownKeys,
  checkNumber,
  checkOptionalSignal,
  checkOptionsObject,
  describeValue,
  MmdConfigurationError,
} from '@mmd-sdk/core';
import type { OperationSpec } from './operation-spec';
import { isWellFormed } from './path-parameters';

/** The parameters of one call, checked: only what the generated call is meant to receive. */
export interface CallParams {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, string | number | boolean>;
  readonly body?: unknown;
}

/** The per-call options, checked. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeout?: number;
  readonly headers?: Record<string, string>;
}

/** An OData system query option (`$filter`) or a plain parameter name: nothing a URL would read as syntax. */
const QUERY_NAME = /^\$?[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Headers a caller may not set: the SDK's own, and those that would change the request's framing. */
const REFUSED_HEADERS = [
  'authorization',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'cookie',
];

function checkQuery(operation: string, value: unknown): CallParams['query'] {
  const query = checkOptionsObject(
    value,
    'params.query',
    `pass the operation's query parameters, such as { $top: 50 }`,
  );
  const checked: Record<string, string | number | boolean> = {};
  for (const [name, entry] of Object.entries(query)) {
    if (!QUERY_NAME.test(name)) {
      throw new MmdConfigurationError(
        'params.query',
        `${operation}: params.query has a name that is no query option (names are letters and digits, optionally after "$", such as $filter or $top).`,
      );
    }
    if (entry === undefined) continue;
    const valid =
      (typeof entry === 'string' && isWellFormed(entry)) ||
      (typeof entry === 'number' && Number.isFinite(entry)) ||
      typeof entry === 'boolean';
    if (!valid) {
      throw new MmdConfigurationError(
        `params.query.${name}`,
        `${operation}: params.query.${name} must be a string, a finite number or a boolean (got ${describeValue(entry)}).`,
      );
    }
    checked[name] = entry as string | number | boolean;
  }
  return checked;
}

/** The body goes out as JSON: a function, a cycle or a BigInt would fail deep in the serializer. */
function checkJsonBody(operation: string, body: unknown): void {
  let serialized: string | undefined;
  try {
    serialized = typeof body === 'function' || typeof body === 'symbol' ? undefined : JSON.stringify(body);
  } catch {
    serialized = undefined;
  }
  if (serialized === undefined) {
    throw new MmdConfigurationError(
      'params.body',
      `${operation}: params.body must be JSON data, without cycles, functions or BigInts (got ${describeValue(body)}).`,
    );
  }
}

/**
 * Checks an operation's `params`: an object with `path`, `query` and (for POST and PATCH) `body`
 * only. Any other key, such as `kyOptions`, `headers`, `auth` or `baseUrl`, is refused: the
 * generated call receives only what the SDK builds.
 */
export function checkCallParams(operation: string, params: unknown, spec: OperationSpec): CallParams {
  if (params === undefined) return {};
  const object = checkOptionsObject(
    params,
    'params',
    `pass { path, query${spec.method === 'GET' ? '' : ', body'} }`,
  );
  checkKnownKeys(object, spec.method === 'GET' ? ['path', 'query'] : ['path', 'query', 'body'], 'params');
  const path =
    object.path === undefined
      ? undefined
      : checkOptionsObject(object.path, 'params.path', 'pass the path parameters by name');
  const query = object.query === undefined ? undefined : checkQuery(operation, object.query);
  if (object.body !== undefined) checkJsonBody(operation, object.body);
  return {
    ...(path ? { path } : {}),
    ...(query ? { query } : {}),
    ...(object.body !== undefined ? { body: object.body } : {}),
  };
}

/** Checks the per-call options: `signal`, `timeout` and `headers`, nothing else. */
export function checkCallOptions(options: unknown, fallbackTimeout: number): CallOptions {
  if (options === undefined) return {};
  const object = checkOptionsObject(options, 'options', 'pass { signal, timeout, headers } or nothing');
  checkKnownKeys(object, ['signal', 'timeout', 'headers'], 'options');
  const signal = checkOptionalSignal(object.signal, 'options.signal');
  const timeout =
    object.timeout === undefined
      ? undefined
      : checkNumber(object.timeout, {
          option: 'options.timeout',
          fallback: fallbackTimeout,
          min: 1,
          unit: 'milliseconds',
        });
  const headers =
    object.headers === undefined
      ? undefined
      : checkHeaders(object.headers, 'options.headers', REFUSED_HEADERS);
  return {
    ...(signal ? { signal } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(headers ? { headers } : {}),
  };
}

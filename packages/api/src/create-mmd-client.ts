import { MMD_SCOPE, AuthenticationError as TokenAuthenticationError } from '@mmd-sdk/mmd-auth';
import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type MmdClientOptions,
} from './client-options';
import { createApiError } from './create-api-error';
import { AuthenticationError, MmdConfigurationError, type MmdError } from './errors';
import { createClient, createConfig } from './generated/client';
import { createLeveledLogger, isLogLevel } from './logger';
import { normalizeError } from './normalize-error';
import type { MmdOperations, MmdRequestOptions } from './operation-types';
import { type OperationName, type OperationSpec, operations } from './operations';
import { createPaginate, type Paginate } from './paginate';
import { preparePathParameters, validateTenantId } from './path-parameters';
import { bearerTokenOf } from './redact-token';
import { assertTrustedTarget, parseBaseUrl } from './request-target';
import { isRetryable, retryDelay, sleep } from './retry-policy';
import { createTokenSource } from './token-source';
import { createUserAgent } from './user-agent';

/** A client of the MMD API: one method per operation, plus `paginate`. */
export type MmdClient = MmdOperations & {
  /** Iterates over every item of a list operation, page by page. */
  readonly paginate: Paginate;
  /** The base URL requests go to (and the only place the bearer token goes). */
  readonly baseUrl: string;
};

interface CallParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function checkCount(value: unknown, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new MmdConfigurationError(
      `${name} must be a whole number of at least ${minimum} (default ${fallback}).`,
    );
  }
  return value;
}

/** What each call passes to the interceptors through the generated SDK's `meta` option. */
interface CallMeta {
  readonly operation: string;
  /** The token fetched with `forceRefresh` after a 401, for the one retry. */
  readonly refreshedToken?: string;
}

function metaOf(requestOptions: object): CallMeta {
  const meta = (requestOptions as { meta?: Partial<CallMeta> }).meta;
  return {
    operation: typeof meta?.operation === 'string' ? meta.operation : 'request',
    ...(typeof meta?.refreshedToken === 'string' ? { refreshedToken: meta.refreshedToken } : {}),
  };
}

/** Caller headers minus `Authorization`: the generated client would let it override the interceptor's token. */
function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
}

function unwrapUser(data: unknown): unknown {
  // The docs show getUser answering with a one-element collection; the entity is what callers want.
  if (data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)) {
    const [user] = (data as { value: unknown[] }).value;
    return { '@odata.context': (data as Record<string, unknown>)['@odata.context'], ...(user as object) };
  }
  return data;
}

/**
 * Creates a client of the Microsoft Managed Desktop API. Every request carries a bearer token from
 * the credential, goes only to `baseUrl`, is retried as the rules allow, and fails with a typed error.
 */
export function createMmdClient(options: MmdClientOptions): MmdClient {
  if (options === null || typeof options !== 'object') {
    throw new MmdConfigurationError('createMmdClient needs an options object with a credential.');
  }
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const baseUrlText = `${baseUrl.origin}${baseUrl.pathname}`;
  const tenantId =
    options.tenantId === undefined ? undefined : validateTenantId(options.tenantId, 'createMmdClient');
  const timeout = checkCount(options.timeout, 'timeout', DEFAULT_TIMEOUT_MS, 1);
  const maxRetries = checkCount(options.maxRetries, 'maxRetries', DEFAULT_MAX_RETRIES, 0);
  const environmentLevel = process.env.MMD_LOG;
  const logLevel = options.logLevel ?? (isLogLevel(environmentLevel) ? environmentLevel : 'warn');
  if (!isLogLevel(logLevel)) {
    throw new MmdConfigurationError(`logLevel must be 'off', 'error', 'warn', 'info' or 'debug'.`);
  }
  const log = createLeveledLogger(options.logger ?? console, logLevel);
  const tokenSource = createTokenSource({
    credential: options.credential,
    getToken: options.getToken,
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes ?? MMD_SCOPE,
    fetch: options.fetch,
    logger: options.logger,
  });

  const client = createClient(
    createConfig({
      baseUrl: baseUrlText,
      throwOnError: true,
      timeout,
      headers: { accept: 'application/json', 'user-agent': createUserAgent(options.userAgent) },
      // Retries are ours (retry-policy.ts); ky's `timeout` bounds each attempt. Redirects are never
      // followed, so the token cannot travel on.
      kyOptions: { retry: 0, redirect: 'manual', ...(options.fetch ? { fetch: options.fetch } : {}) },
    }),
  );
  client.interceptors.request.use(async (request, requestOptions) => {
    const { operation, refreshedToken } = metaOf(requestOptions);
    assertTrustedTarget(operation, request.url, baseUrl, baseUrlText);
    const token =
      refreshedToken ??
      (await tokenSource.getToken({ forceRefresh: false, signal: requestOptions.signal ?? undefined }));
    request.headers.set('authorization', `Bearer ${token}`);
    return request;
  });
  client.interceptors.error.use((body, response, request, requestOptions) =>
    createApiError(metaOf(requestOptions).operation, response, body, bearerTokenOf(request)),
  );

  async function attempt(
    name: OperationName,
    spec: OperationSpec,
    params: CallParams,
    call: MmdRequestOptions,
    url: string | undefined,
    refreshedToken: string | undefined,
  ) {
    const started = Date.now();
    const result = (await (spec.call as (options: object) => Promise<{ data: unknown; response: Response }>)({
      client,
      ...params,
      path: url ? undefined : preparePathParameters(name, params.path, spec, tenantId),
      ...(url ? { url } : {}),
      meta: { operation: name, ...(refreshedToken ? { refreshedToken } : {}) } satisfies CallMeta,
      // Only a caller's signal is passed: ky combines any signal with its own, which costs on every call.
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.timeout ? { timeout: call.timeout } : {}),
      ...(call.headers ? { headers: withoutAuthorization(call.headers) } : {}),
    })) as { data: unknown; response: Response };
    if (log.enabled('debug')) {
      const path = new URL(result.response.url || baseUrlText).pathname;
      log.debug(`${name}: ${spec.method} ${path} → ${result.response.status} in ${Date.now() - started} ms`);
    }
    if (result.response.status === 204) return undefined;
    return name === 'getUser' ? unwrapUser(result.data) : result.data;
  }

  async function send(
    name: OperationName,
    params: CallParams = {},
    call: MmdRequestOptions = {},
    url?: string,
  ): Promise<unknown> {
    const spec: OperationSpec = operations[name];
    const context = {
      operation: name,
      signal: call.signal,
      timeout: call.timeout ?? timeout,
      origin: baseUrl.origin,
    };
    let refreshedToken: string | undefined;
    for (let retry = 0; ; ) {
      try {
        return await attempt(name, spec, params, call, url, refreshedToken);
      } catch (thrown) {
        const error = normalizeError(thrown, context);
        if (error instanceof TokenAuthenticationError) throw error;
        if (error instanceof AuthenticationError && refreshedToken === undefined) {
          // The token was refused: drop it, get a fresh one, and try once more with that one.
          log.info(`${name}: 401; refreshing the token and trying once more`);
          refreshedToken = await tokenSource.getToken({ forceRefresh: true, signal: call.signal });
          continue;
        }
        if (retry >= maxRetries || !isRetryable(error as MmdError, spec.method)) throw error;
        const delay = retryDelay(error as MmdError, retry);
        retry++;
        log.warn(`${error.message} Retrying in ${Math.round(delay)} ms (retry ${retry} of ${maxRetries}).`);
        await sleep(delay, call.signal).catch(() => {
          throw normalizeError(call.signal?.reason, context);
        });
      }
    }
  }

  const methods = Object.fromEntries(
    (Object.keys(operations) as OperationName[]).map((name) => [
      name,
      (params?: CallParams, call?: MmdRequestOptions) => send(name, params, call),
    ]),
  ) as unknown as MmdOperations;

  return {
    ...methods,
    paginate: createPaginate({ send, baseUrl }),
    baseUrl: baseUrlText,
  };
}

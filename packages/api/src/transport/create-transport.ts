import { checkedFetch } from '@mmd-sdk/core';
import type { Options as KyOptions } from 'ky';
import type { ResolvedClientOptions } from '../client/resolve-client-options';
import { ResponseTooLargeError } from '../errors/api-errors';
import { createApiError } from '../errors/create-api-error';
import { unknownStatusError } from '../errors/unknown-status-error';
import { createClient, createConfig } from '../generated/client';
import { ATTEMPT_OPTION, type AttemptControl, type AttemptReading } from './attempt-control';
import { callersFetch } from './callers-fetch';
import { createPoolChoice } from './choose-fetch';
import { discardAnswer, readAnswerText } from './pooled-response';
import { assertTrustedTarget } from './request-target';
import { hasNoBody, isKnownStatus } from './response-statuses';

/** What each call passes to the interceptors through the generated SDK's `meta` option. */
export interface CallMeta {
  readonly operation: string;
  /** The bearer token of this attempt. */
  readonly token: string;
  /**
   * Filled, when debug lines are written, with the request's path and query as a log may show them
   * (see `describeTarget`); `template` is the operation's path template, when the request has one.
   */
  readonly sent?: { path?: string; template?: string };
  /** How to stop reading this attempt's answer, once its deadline has ended. */
  readonly reading: AttemptReading;
}

/** The meta of a request: every request of the transport carries one (`TransportRequest`). */
function metaOf(requestOptions: object): CallMeta {
  return (requestOptions as { meta: CallMeta }).meta;
}

/**
 * The path and query of a request for a debug line, without what may name a person: the path's last
 * segments come from the operation's template, so its values (a UPN, a device name) stay placeholders
 * while the tenant shows; OData paging (`$skip`, `$top`) keeps its values, so that a reader sees which
 * page runs; other query options are named only.
 */
function describeTarget(url: URL, template: string | undefined): string {
  let path = url.pathname;
  if (template !== undefined) {
    const segments = path.split('/');
    const templated = template.split('/').slice(1);
    const start = segments.length - templated.length;
    path = segments
      .map((segment, index) => {
        const pattern = templated[index - start];
        return pattern === undefined || pattern === '{tenantId}' ? segment : pattern;
      })
      .join('/');
  }
  const query = [...url.searchParams.keys()].map((name) =>
    name === '$skip' || name === '$top' ? `${name}=${url.searchParams.get(name)}` : `${name}=…`,
  );
  return query.length === 0 ? path : `${path}?${query.join('&')}`;
}

/** Sends one attempt through the generated client: its request options, and the attempt's control. */
export type TransportRequest = (
  options: { readonly meta: CallMeta; readonly [option: string]: unknown },
  attempt: AttemptControl,
) => Promise<{ readonly response: Response }>;

/**
 * The generated client, set up so that the bearer token goes only below `baseUrl` (redirects are
 * never followed, every request's URL is checked), the SDK does the retries and the deadline, and an
 * error answer is read within `maxResponseBytes` before it becomes a typed error.
 */
export function createTransport(settings: ResolvedClientOptions): TransportRequest {
  // Every option ky could otherwise inherit (from a polluted Object.prototype) is set here.
  const kyOptions: KyOptions = {
    retry: 0,
    redirect: 'manual',
    fetch: checkedFetch(settings.fetch ? callersFetch(settings.fetch) : undefined),
    hooks: { beforeRequest: [], beforeRetry: [], beforeError: [], afterResponse: [] },
  };
  const poolNow = settings.fetch
    ? () => undefined
    : createPoolChoice({ connections: 64, maxResponseBytes: settings.maxResponseBytes });
  let poolOptions: KyOptions | undefined;
  const client = createClient(
    createConfig({
      baseUrl: settings.baseUrl.text,
      throwOnError: true,
      headers: { accept: 'application/json', 'user-agent': settings.userAgent },
    }),
  );
  client.interceptors.request.use((request, requestOptions) => {
    const { operation, token, sent } = metaOf(requestOptions);
    assertTrustedTarget(operation, request.url, settings.baseUrl);
    if (sent) sent.path = describeTarget(new URL(request.url), sent.template);
    // ky gets the URL rather than this Request: the generated client passes ky these same headers
    // (`opts.headers`), and a Request given to ky costs a copy and a combined signal per call.
    (requestOptions.headers as Headers).set('authorization', `Bearer ${token}`);
    return request.url as unknown as Request;
  });
  /** An error answer, read within `maxResponseBytes` for the error interceptor to parse. */
  async function boundedErrorAnswer(response: Response, { operation, reading }: CallMeta) {
    if (!isKnownStatus(response.status)) {
      discardAnswer(response);
      throw unknownStatusError(operation, response.status);
    }
    const body = await readAnswerText(response, settings.maxResponseBytes, reading);
    if (!body.ok) {
      throw new ResponseTooLargeError(
        `${operation} failed: the ${response.status} answer is larger than maxResponseBytes (${body.limit} bytes) and was not read.`,
        { operation, status: response.status, limit: body.limit },
      );
    }
    // A status that cannot have a body (304, 205) gets none, or `Response` would refuse it.
    return new Response(hasNoBody(response.status) ? null : body.text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }
  client.interceptors.response.use((response, _request, requestOptions) =>
    response.ok ? response : boundedErrorAnswer(response, metaOf(requestOptions)),
  );
  client.interceptors.error.use((body, response, _request, requestOptions) => {
    const { operation, token } = metaOf(requestOptions);
    return createApiError(operation, response, body, token);
  });
  const request = client.request as unknown as (options: object) => Promise<{ response: Response }>;
  return (options, attempt) => {
    const pool = poolNow();
    if (pool === undefined) {
      // Another fetch: ky's timeout (what is left of the deadline) and the caller's signal abort the
      // request until its headers arrive; the deadline's race and `reading` end the rest.
      const { deadline, signal } = attempt;
      return request({
        ...options,
        kyOptions: { ...kyOptions, timeout: deadline.remaining(), ...(signal ? { signal } : {}) },
      });
    }
    // The pool (made once per client): ky's timeout is off, the attempt's deadline stops the request.
    poolOptions ??= { ...kyOptions, timeout: false, fetch: checkedFetch(pool) };
    return request({ ...options, kyOptions: { ...poolOptions, [ATTEMPT_OPTION]: attempt } });
  };
}

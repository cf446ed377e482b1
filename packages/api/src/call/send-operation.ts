import { type MmdError, sleep, startDeadline } from '@mmd-sdk/core';
import type { ResolvedClientOptions } from '../client/resolve-client-options';
import { AbortError, AuthenticationError } from '../errors/api-errors';
import { normalizeError } from '../errors/normalize-error';
import type { Client } from '../generated/client';
import { checkCallOptions, checkCallParams } from '../operations/call-params';
import { type OperationName, operations } from '../operations/operation-table';
import { preparePathParameters } from '../operations/path-parameters';
import type { AttemptReading } from '../transport/create-transport';
import { isRetryable, retryDelay } from './retry-policy';
import { type PreparedRequest, sendAttempt } from './send-attempt';
import type { TokenSource } from './token-source';

/** One call as a method or `paginate` makes it. */
export interface SendRequest {
  readonly name: OperationName;
  /** `{ path, query, body }` as the caller gave them. */
  readonly params?: unknown;
  /** `{ signal, timeout, headers }` as the caller gave them. */
  readonly options?: unknown;
  /** An `@odata.nextLink`, already checked to be below the base URL, instead of `params`. */
  readonly nextLink?: string;
}

export type Send = (request: SendRequest) => Promise<unknown>;

/**
 * Builds `send`: checks the call's input, then runs attempts until one succeeds or the retry rules
 * say stop. Each attempt has one deadline (`timeout`) over getting the token, sending and reading the
 * whole answer; a 401 gets one more attempt with a refreshed token.
 */
export function createSend(context: {
  client: Client;
  settings: ResolvedClientOptions;
  tokenSource: TokenSource;
}): Send {
  const { client, settings, tokenSource } = context;
  const { log, maxRetries, maxRetryDelay, maxResponseBytes } = settings;

  function prepare({ name, params: rawParams, options: rawOptions, nextLink }: SendRequest) {
    const spec = operations[name];
    const params = checkCallParams(name, rawParams, spec);
    const call = checkCallOptions(rawOptions, settings.timeout);
    const headers =
      spec.body === 'json' && 'body' in params
        ? { 'content-type': 'application/json', ...call.headers }
        : call.headers;
    const request: PreparedRequest = {
      method: spec.method,
      ...(nextLink === undefined
        ? {
            url: spec.path,
            path: preparePathParameters(name, params.path, spec, settings.tenantId),
            query: params.query,
          }
        : { url: nextLink }),
      ...('body' in params ? { body: params.body } : {}),
      ...(headers ? { headers } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
    };
    return { spec, call, request, timeout: call.timeout ?? settings.timeout };
  }

  return async function send(input) {
    const { name } = input;
    const { spec, call, request, timeout } = prepare(input);
    if (call.signal?.aborted) throw new AbortError(`${name} was aborted.`, { operation: name });
    let refused: string | undefined;
    for (let retry = 0; ; ) {
      const deadline = startDeadline(timeout, call.signal);
      const reading: AttemptReading = {};
      let token: string | undefined;
      try {
        const attempt = async () => {
          token = refused ? await tokenSource.refreshAfterRefusal(refused) : await tokenSource.getToken();
          return sendAttempt({
            client,
            name,
            spec,
            request,
            token,
            deadline,
            reading,
            maxResponseBytes,
            log,
          });
        };
        return await deadline.race(attempt());
      } catch (thrown) {
        // A read still running past the deadline is stopped, so that its connection is let go.
        if (deadline.ended) reading.cancel?.();
        const error: MmdError = normalizeError(thrown, {
          operation: name,
          signal: call.signal,
          timedOut: deadline.timedOut,
          timeout,
          origin: settings.baseUrl.url.origin,
          token,
        });
        if (error instanceof AuthenticationError && refused === undefined && token !== undefined) {
          // The token was refused: one more attempt with a newer one (shared by every caller refused with it).
          refused = token;
          log.info(`${name}: 401; trying once more with a refreshed token`);
          continue;
        }
        if (retry >= maxRetries || !isRetryable(error, spec.method)) throw error;
        const delay = retryDelay(error, retry, maxRetryDelay);
        retry++;
        log.warn(`${error.message} Retrying in ${Math.round(delay)} ms (retry ${retry} of ${maxRetries}).`);
        await sleep(delay, call.signal).catch(() => {
          throw new AbortError(`${name} was aborted.`, { operation: name });
        });
      } finally {
        deadline.clear();
      }
    }
  };
}

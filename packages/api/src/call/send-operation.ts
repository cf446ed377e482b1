import { randomUUID } from 'node:crypto';
import { type MmdError, sleep, startDeadline } from '@mmd-sdk/core';
import type { ResolvedClientOptions } from '../client/resolve-client-options';
import { AbortError, AuthenticationError } from '../errors/api-errors';
import { normalizeError } from '../errors/normalize-error';
import { withClientRequestId } from '../errors/with-client-request-id';
import { checkCallOptions, checkCallParams } from '../operations/call-params';
import { type OperationName, operations } from '../operations/operation-table';
import { preparePathParameters } from '../operations/path-parameters';
import type { CallTelemetry, CallTrace } from '../telemetry/call-telemetry';
import type { AttemptReading } from '../transport/attempt-control';
import type { TransportRequest } from '../transport/create-transport';
import { isRetryable, retryDelay } from './retry-policy';
import { type AttemptResult, type PreparedRequest, sendAttempt } from './send-attempt';
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

/** What runs an attempt or a wait: inside its span when telemetry is on, as it is otherwise. */
const untraced: Pick<CallTrace, 'attempt' | 'wait'> = {
  attempt: (_, work) => work({}),
  wait: (_, __, work) => work(),
};

/**
 * Builds `send`: checks the call's input, then runs attempts until one succeeds or the retry rules
 * say stop. Each attempt has one deadline (`timeout`) over getting the token, sending and reading the
 * whole answer; a 401 gets one more attempt with a refreshed token. Every attempt of a call carries
 * the same `client-request-id`.
 */
export function createSend(context: {
  transport: TransportRequest;
  settings: ResolvedClientOptions;
  tokenSource: TokenSource;
  telemetry: CallTelemetry | undefined;
}): Send {
  const { transport, settings, tokenSource, telemetry } = context;
  const { log, maxRetries, maxRetryDelay, maxResponseBytes } = settings;

  function prepare({ name, params: rawParams, options: rawOptions, nextLink }: SendRequest) {
    const spec = operations[name];
    const params = checkCallParams(name, rawParams, spec);
    const call = checkCallOptions(rawOptions, settings.timeout);
    const headers: Record<string, string> =
      spec.body === 'json' && 'body' in params ? { 'content-type': 'application/json' } : {};
    let ownRequestId: string | undefined;
    for (const [header, value] of Object.entries(call.headers ?? {})) {
      if (header.toLowerCase() === 'client-request-id') ownRequestId = value;
      else headers[header] = value;
    }
    const clientRequestId = ownRequestId ?? randomUUID();
    headers['client-request-id'] = clientRequestId;
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
      headers,
    };
    return { spec, call, request, clientRequestId, timeout: call.timeout ?? settings.timeout };
  }

  return async function send(input) {
    const { name } = input;
    const { spec, call, request, clientRequestId, timeout } = prepare(input);
    if (call.signal?.aborted)
      throw new AbortError(`${name} was aborted.`, { operation: name, clientRequestId });
    const trace = telemetry?.start(name, spec, clientRequestId);
    const steps = trace ?? untraced;
    let refused: string | undefined;
    /** The token of the latest attempt, which a 401 refuses. */
    let token: string | undefined;

    async function attempt(resend: number): Promise<AttemptResult> {
      const deadline = startDeadline(timeout, call.signal);
      const reading: AttemptReading = {};
      token = undefined;
      try {
        return await steps.attempt(resend, async (traceHeaders) => {
          const work = async () => {
            token = refused ? await tokenSource.refreshAfterRefusal(refused) : await tokenSource.getToken();
            const headers = trace ? { ...request.headers, ...traceHeaders } : request.headers;
            return sendAttempt({
              transport,
              name,
              spec,
              request: { ...request, headers },
              token,
              clientRequestId,
              deadline,
              reading,
              signal: call.signal,
              maxResponseBytes,
              log,
            });
          };
          try {
            return await deadline.race(work());
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
            throw withClientRequestId(error, clientRequestId);
          }
        });
      } finally {
        deadline.clear();
      }
    }

    try {
      for (let retry = 0, resend = 0; ; resend++) {
        try {
          const { data, status } = await attempt(resend);
          trace?.end({ status });
          return data;
        } catch (thrown) {
          const error = thrown as MmdError;
          if (error instanceof AuthenticationError && refused === undefined && token !== undefined) {
            // The token was refused: one more attempt with a newer one (shared by every caller refused with it).
            refused = token;
            log.info(
              `${name}: 401; trying once more with a refreshed token (client-request-id ${clientRequestId})`,
            );
            continue;
          }
          if (retry >= maxRetries || !isRetryable(error, spec.method)) throw error;
          const delay = retryDelay(error, retry, maxRetryDelay);
          retry++;
          log.warn(
            `${error.message} Retrying in ${Math.round(delay)} ms (retry ${retry} of ${maxRetries}; client-request-id ${clientRequestId}).`,
          );
          await steps.wait(delay, error.name, () =>
            sleep(delay, call.signal).catch(() => {
              throw new AbortError(`${name} was aborted.`, { operation: name, clientRequestId });
            }),
          );
        }
      }
    } catch (error) {
      trace?.end({ error });
      throw error;
    }
  };
}

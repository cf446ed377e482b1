import { type MmdError, sleep, startDeadline } from '@mmd-sdk/core';
import { checkCallOptions, checkCallParams } from './call-params';
import type { AttemptReading, CallMeta } from './create-transport';
import { AbortError, AuthenticationError } from './errors';
import type { Client } from './generated/client';
import { normalizeError } from './normalize-error';
import { type OperationName, type OperationSpec, operations } from './operations';
import { preparePathParameters } from './path-parameters';
import { readResult } from './read-result';
import type { ResolvedClientOptions } from './resolve-client-options';
import { isRetryable, retryDelay } from './retry-policy';
import type { TokenSource } from './token-source';

/** Sends one operation: `params` and `options` as the caller gave them, `url` for an `@odata.nextLink`. */
export type Send = (
  name: OperationName,
  params?: unknown,
  options?: unknown,
  url?: string,
) => Promise<unknown>;

type GeneratedCall = (options: object) => Promise<{ data: unknown; response: Response }>;

function unwrapUser(data: unknown): unknown {
  // The docs show getUser answering with a one-element collection; the entity is what callers want.
  if (data && typeof data === 'object' && Array.isArray((data as { value?: unknown }).value)) {
    const [user] = (data as { value: unknown[] }).value;
    return { '@odata.context': (data as Record<string, unknown>)['@odata.context'], ...(user as object) };
  }
  return data;
}

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
  const { log, maxRetries, maxRetryDelay } = settings;

  return async function send(name, rawParams, rawOptions, url) {
    const spec: OperationSpec = operations[name];
    const params = checkCallParams(name, rawParams, spec);
    const call = checkCallOptions(rawOptions, settings.timeout);
    const path =
      url === undefined ? preparePathParameters(name, params.path, spec, settings.tenantId) : undefined;
    const timeout = call.timeout ?? settings.timeout;
    if (call.signal?.aborted) throw new AbortError(`${name} was aborted.`, { operation: name });
    let refused: string | undefined;
    let refreshed = false;
    for (let retry = 0; ; ) {
      const deadline = startDeadline(timeout, call.signal);
      const reading: AttemptReading = {};
      let token: string | undefined;
      try {
        const work = async () => {
          token = refused ? await tokenSource.refreshAfterRefusal(refused) : await tokenSource.getToken();
          const debug = log.enabled('debug');
          const started = debug ? Date.now() : 0;
          const sent: { path?: string } = {};
          const meta: CallMeta = debug
            ? { operation: name, token, sent, reading }
            : { operation: name, token, reading };
          // ky's timeout (what is left of the deadline) aborts the request until its headers arrive;
          // the deadline's race and `reading` end the rest. No signal is made per call: a signal
          // given to ky costs it a combined signal and the request a copy.
          const { response } = await (spec.call as unknown as GeneratedCall)({
            client,
            ...(url === undefined ? { path, query: params.query } : { url }),
            ...('body' in params ? { body: params.body } : {}),
            ...(call.headers ? { headers: call.headers } : {}),
            ...(call.signal ? { signal: call.signal } : {}),
            meta,
            timeout: deadline.remaining(),
            parseAs: 'stream',
          });
          const data = await readResult(name, spec, response, settings.maxResponseBytes, reading);
          if (debug)
            log.debug(
              `${name}: ${spec.method} ${sent.path} → ${response.status} in ${Date.now() - started} ms`,
            );
          return name === 'getUser' ? unwrapUser(data) : data;
        };
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
        if (error instanceof AuthenticationError && !refreshed && token !== undefined) {
          // The token was refused: one more attempt with a newer one (shared by every caller refused with it).
          refreshed = true;
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

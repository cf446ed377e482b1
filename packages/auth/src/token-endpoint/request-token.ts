import {
  backoffDelay,
  describeCause,
  MmdConfigurationError,
  sanitizeCause,
  sentence,
  sleep,
  startDeadline,
} from '@mmd-sdk/core';
import { AttemptFailure } from './attempt-failure';
import { sendAttempt } from './send-attempt';
import type { TokenRequest, TokenResult } from './token-request';
import { TokenRequestError } from './token-request-error';

/** The failure of an attempt that threw: its deadline ran out, or something unexpected broke. */
function thrownFailure(cause: unknown, timedOut: boolean, request: TokenRequest): AttemptFailure {
  if (timedOut) {
    return new AttemptFailure(`Token request failed: no answer within ${request.options.timeout} ms`, {
      retryable: true,
    });
  }
  return new AttemptFailure(
    `Token request failed: ${describeCause(cause, request.redactor())}`,
    { retryable: false },
    undefined,
    cause,
  );
}

/** The error a caller gets once the attempts are over: scrubbed, on one line, with the hint. */
function finalError(failure: AttemptFailure, attempts: number, request: TokenRequest): TokenRequestError {
  const scrub = request.redactor();
  const message =
    sentence(`${failure.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`) +
    (failure.details.hint ? ` Hint: ${sentence(failure.details.hint)}` : '');
  return new TokenRequestError(
    scrub(message),
    { ...failure.details, attempts },
    failure.cause === undefined ? undefined : { cause: sanitizeCause(failure.cause, scrub) },
  );
}

/**
 * POSTs the client-credentials form to the token endpoint. One deadline (`timeout`) bounds each
 * attempt: the client authentication, the request and the whole answer. Retries 408, 429, 5xx,
 * timeouts and network errors up to `maxRetries` times, waiting as `Retry-After` says or with
 * jittered backoff, never longer than `maxRetryDelay`. A caller that stops waiting leaves the cache's
 * request running for the others, so there is no signal here.
 */
export async function requestToken(request: TokenRequest): Promise<TokenResult> {
  const { options, redactor } = request;
  for (let attempt = 1; ; attempt++) {
    const deadline = startDeadline(options.timeout);
    let outcome: TokenResult | AttemptFailure;
    try {
      outcome = await deadline.race(sendAttempt(request, deadline.signal, redactor));
    } catch (cause) {
      // A programmer's error (a callback that returned no assertion) is never retried.
      if (cause instanceof MmdConfigurationError) throw cause;
      outcome = thrownFailure(cause, deadline.timedOut, request);
    } finally {
      deadline.clear();
    }
    if (!(outcome instanceof AttemptFailure)) {
      options.logger.debug(`token acquired on attempt ${attempt}`);
      return outcome;
    }
    if (!outcome.details.retryable || attempt > options.maxRetries)
      throw finalError(outcome, attempt, request);
    const delay = Math.min(
      outcome.retryAfter ?? backoffDelay(attempt - 1, options.maxRetryDelay),
      options.maxRetryDelay,
    );
    options.logger.debug(
      redactor()(
        `${outcome.message}; retrying in ${Math.round(delay)} ms (attempt ${attempt + 1} of ${options.maxRetries + 1}).`,
      ),
    );
    await sleep(delay);
  }
}

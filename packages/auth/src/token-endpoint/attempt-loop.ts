import {
  describeCause,
  MmdConfigurationError,
  type Redactor,
  sanitizeCause,
  sentence,
  sleep,
  startDeadline,
} from '@mmd-sdk/core';
import { AttemptFailure } from './attempt-failure';
import type { RetryDecision } from './retry-policy';
import type { RequestTrace, TokenRequestOptions, TokenResult } from './token-request';
import { TokenRequestError } from './token-request-error';

/** A token request as the attempt loop runs it: how to make one attempt, and when to try again. */
export interface AttemptPlan {
  /** One HTTP attempt; `signal` is its deadline. */
  readonly send: (signal: AbortSignal) => Promise<TokenResult | AttemptFailure>;
  /** Scrubs the credential's secrets from what the endpoint echoes; asked anew each time. */
  readonly redactor: () => Redactor;
  readonly options: TokenRequestOptions;
  readonly trace: RequestTrace;
  /** Whether, and after which wait, attempt number `attempt` (from 1) that failed so is followed by another. */
  readonly retry: (failure: AttemptFailure, attempt: number) => RetryDecision | undefined;
}

/** The failure of an attempt that threw: its deadline ran out, or something unexpected broke. */
function thrownFailure(cause: unknown, timedOut: boolean, plan: AttemptPlan): AttemptFailure {
  if (timedOut) {
    return new AttemptFailure(`Token request failed: no answer within ${plan.options.timeout} ms`, {
      retryable: true,
    });
  }
  return new AttemptFailure(
    `Token request failed: ${describeCause(cause, plan.redactor())}`,
    { retryable: false },
    undefined,
    cause,
  );
}

/** The error a caller gets once the attempts are over: scrubbed, on one line, with the hint. */
function finalError(failure: AttemptFailure, attempts: number, plan: AttemptPlan): TokenRequestError {
  const scrub = plan.redactor();
  const message =
    sentence(`${failure.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`) +
    (failure.details.hint ? ` Hint: ${sentence(failure.details.hint)}` : '');
  return new TokenRequestError(
    scrub(message),
    { ...failure.details, attempts, clientRequestId: plan.trace.clientRequestId },
    failure.cause === undefined ? undefined : { cause: sanitizeCause(failure.cause, scrub) },
  );
}

/**
 * Runs a token request's attempts. One deadline (`timeout`) bounds each attempt: the client
 * authentication, the request and the whole answer. Between attempts it waits as `retry` decides
 * (which honours `Retry-After` and caps every wait at `maxRetryDelay`). A caller that stops waiting
 * leaves the cache's request running for the others, so there is no signal here.
 */
export async function runAttempts(plan: AttemptPlan): Promise<TokenResult> {
  const { options, redactor, trace } = plan;
  for (let attempt = 1; ; attempt++) {
    trace.attempts += 1;
    const deadline = startDeadline(options.timeout);
    let outcome: TokenResult | AttemptFailure;
    try {
      outcome = await deadline.race(plan.send(deadline.signal));
    } catch (cause) {
      // A programmer's error (a callback that returned no assertion) is never retried.
      if (cause instanceof MmdConfigurationError) throw cause;
      outcome = thrownFailure(cause, deadline.timedOut, plan);
    } finally {
      deadline.clear();
    }
    if (!(outcome instanceof AttemptFailure)) {
      options.logger.debug(
        `token acquired on attempt ${attempt} (client-request-id ${trace.clientRequestId})`,
      );
      return outcome;
    }
    const next = plan.retry(outcome, attempt);
    if (next === undefined) throw finalError(outcome, attempt, plan);
    options.logger.debug(
      redactor()(
        `${outcome.message}; retrying in ${Math.round(next.delay)} ms (attempt ${attempt + 1} of ${next.maxAttempts}; client-request-id ${trace.clientRequestId}).`,
      ),
    );
    await sleep(next.delay);
  }
}

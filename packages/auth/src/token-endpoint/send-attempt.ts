import {
  checkedFetch,
  describeCause,
  discardBody,
  MmdConfigurationError,
  type Redactor,
  readBoundedText,
} from '@mmd-sdk/core';
import { AttemptFailure } from './attempt-failure';
import { readErrorAnswer } from './read-error-answer';
import { readTokenAnswer } from './read-token-answer';
import type { TokenRequest, TokenResult } from './token-request';

/**
 * One HTTP attempt: POSTs the client-credentials form and reads the answer, up to
 * `maxResponseBytes`, never following a redirect. `signal` is the attempt's deadline.
 */
export async function sendAttempt(
  request: TokenRequest,
  signal: AbortSignal,
  redact: () => Redactor,
): Promise<TokenResult | AttemptFailure> {
  const { options } = request;
  const form = new URLSearchParams({
    client_id: request.clientId,
    scope: request.scopes.join(' '),
    grant_type: 'client_credentials',
    ...(await request.clientAuthentication(signal)),
  });
  const fetchImpl = checkedFetch(options.fetch);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetchImpl(request.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    if (cause instanceof MmdConfigurationError) throw cause;
    return new AttemptFailure(
      `Token request failed: could not reach ${new URL(request.tokenUrl).origin}: ${describeCause(cause, redact())}`,
      { retryable: true },
      undefined,
      cause,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    discardBody(response);
    return new AttemptFailure(
      `Token request failed: the token endpoint answered ${response.status} with a redirect, which is never followed; check authorityHost`,
      { status: response.status, retryable: false },
    );
  }
  const body = await readBoundedText(response, options.maxResponseBytes, signal);
  if (!body.ok) {
    return new AttemptFailure(
      `Token request failed: the token endpoint's answer (${response.status}) is larger than maxResponseBytes (${body.limit} bytes) and was not read`,
      { status: response.status, retryable: false },
    );
  }
  if (response.ok) return readTokenAnswer(response, body.text, sentAt, redact());
  return readErrorAnswer(response, body.text, redact(), options.maxRetryDelay);
}

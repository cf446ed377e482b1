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
import type { RequestTrace, TokenRequestOptions, TokenResult } from './token-request';

/** One HTTP request for a token: to Entra's token endpoint, or to a managed identity endpoint. */
export interface TokenHttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The statuses worth another attempt. */
  readonly retryableStatuses: ReadonlySet<number>;
  /** The option that names the endpoint, which a redirect answer says to check (`authorityHost`). */
  readonly endpointOption: string;
}

/**
 * One HTTP attempt: sends the request with its `client-request-id` (and `return-client-request-id`,
 * as MSAL does) and reads the answer, up to `maxResponseBytes`, never following a redirect. `signal`
 * is the attempt's deadline.
 */
export async function sendAttempt(
  http: TokenHttpRequest,
  context: { options: TokenRequestOptions; trace: RequestTrace; redact: () => Redactor },
  signal: AbortSignal,
): Promise<TokenResult | AttemptFailure> {
  const { options, trace, redact } = context;
  const fetchImpl = checkedFetch(options.fetch);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetchImpl(http.url, {
      method: http.method,
      headers: {
        ...http.headers,
        accept: 'application/json',
        'client-request-id': trace.clientRequestId,
        'return-client-request-id': 'true',
      },
      ...(http.body === undefined ? {} : { body: http.body }),
      redirect: 'manual',
      signal,
    });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    if (cause instanceof MmdConfigurationError) throw cause;
    return new AttemptFailure(
      `Token request failed: could not reach ${new URL(http.url).origin}: ${describeCause(cause, redact())}`,
      { retryable: true },
      undefined,
      cause,
    );
  }
  if (response.status >= 300 && response.status < 400) {
    discardBody(response);
    return new AttemptFailure(
      `Token request failed: the token endpoint answered ${response.status} with a redirect, which is never followed; check ${http.endpointOption}`,
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
  return readErrorAnswer(response, body.text, redact(), {
    maxRetryDelay: options.maxRetryDelay,
    retryableStatuses: http.retryableStatuses,
  });
}

import { runAttempts } from './attempt-loop';
import { ENTRA_RETRYABLE_STATUSES } from './read-error-answer';
import { standardRetry } from './retry-policy';
import { sendAttempt } from './send-attempt';
import type { TokenRequest, TokenResult } from './token-request';

/**
 * POSTs the client-credentials form to Entra's token endpoint, the client authentication built
 * anew for every attempt, and retries 408, 429, 5xx, timeouts and network errors up to `maxRetries`
 * times (see `runAttempts` for the deadlines and waits).
 */
export function requestToken(request: TokenRequest): Promise<TokenResult> {
  const { options, redactor, trace } = request;
  const context = { options, trace, redact: redactor };
  return runAttempts({
    send: async (signal) => {
      const form = new URLSearchParams({
        client_id: request.clientId,
        scope: request.scopes.join(' '),
        grant_type: 'client_credentials',
        ...(await request.clientAuthentication(signal)),
      });
      const http = {
        url: request.tokenUrl,
        method: 'POST' as const,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        retryableStatuses: ENTRA_RETRYABLE_STATUSES,
        endpointOption: 'authorityHost',
      };
      return sendAttempt(http, context, signal);
    },
    redactor,
    options,
    trace,
    retry: standardRetry(options),
  });
}
